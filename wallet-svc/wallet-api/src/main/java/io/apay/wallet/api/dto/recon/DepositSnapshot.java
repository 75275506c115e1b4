package io.apay.wallet.api.dto.recon;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A deposit as the reconciliation sees it. {@code state} is CREDITING (the intent, committed before the ledger call)
 * or CREDITED. A CREDITED deposit was credited by exactly one ledger TRANSFER with key {@link #depositKey()} and biz
 * ref {@code deposit:<id>} (its {@code creditTxnId}): {@code amount} from the platform's DEPOSIT_CLEARING to the
 * owner's AVAILABLE. {@code ownerRef} is {@code USER:<userId>} or {@code MERCHANT:<merchantNo>}; {@code lastError}
 * the ledger's refusal of a deposit still CREDITING (e.g. {@code LEDGER_14001}).
 */
public record DepositSnapshot(
        long id,
        long chainDepositId,
        String network,
        String coin,
        String txHash,
        int logIndex,
        String address,
        String ownerRef,
        BigDecimal amount,
        String state,
        Long creditTxnId,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    public static final String CREDITING = "CREDITING";
    public static final String CREDITED = "CREDITED";

    /** The chain's identity of the transfer, and the ledger key it is credited under (= ChainDepositView.depositKey()). */
    public String depositKey() {
        return "deposit:" + network + ":" + txHash + ":" + logIndex;
    }
}
