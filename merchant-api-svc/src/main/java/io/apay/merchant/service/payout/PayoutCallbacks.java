package io.apay.merchant.service.payout;

import io.apay.merchant.dal.dataobject.MerchantPayoutDO;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a payout's callback says (docs/merchant-api.md, "Payouts"). */
final class PayoutCallbacks {

    private PayoutCallbacks() {
    }

    /** PAYOUT_COMPLETED, PAYOUT_FAILED, PAYOUT_REJECTED, or PAYOUT_REFUSED (refused on a later attempt). */
    static String eventType(String finalStatus) {
        return "PAYOUT_" + finalStatus;
    }

    /** The payout as the callback body shows it (money as decimal strings). */
    static Map<String, Object> fields(MerchantPayoutDO p) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("payoutNo", p.getPayoutNo());
        f.put("withdrawalNo", p.getWithdrawalNo());
        f.put("status", p.getStatus());
        f.put("network", p.getNetwork());
        f.put("coin", p.getCoin());
        f.put("toAddress", p.getToAddress());
        f.put("amount", PayoutAmounts.plain(p.getAmount()));
        f.put("fee", PayoutAmounts.plain(p.getFee()));
        f.put("txHash", p.getTxHash());
        boolean refused = MerchantPayoutDO.REFUSED.equals(p.getStatus());
        f.put("failureReason", refused ? p.getRefusalMessage() : p.getFailureReason());
        if (refused) {
            f.put("refusalCode", p.getRefusalCode());
        }
        f.put("finishedAt", p.getFinishedAt() == null ? null : p.getFinishedAt().toInstant(ZoneOffset.UTC));
        return f;
    }
}
