package io.apay.merchant.service.payout;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.money.Money;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.merchant.MerchantApiErrorCodes;
import io.apay.merchant.controller.merchant.vo.PayoutView;
import io.apay.merchant.controller.merchant.vo.PlacePayoutRequest;
import io.apay.merchant.dal.dataobject.MerchantPayoutDO;
import io.apay.merchant.dal.mapper.MerchantPayoutMapper;
import io.apay.merchant.service.MerchantService;
import io.apay.merchant.service.callback.CallbackService;
import io.apay.wallet.api.WalletPayoutApi;
import io.apay.wallet.api.dto.WithdrawalView;
import io.apay.wallet.api.event.WalletEvents;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * A merchant's payouts (docs/merchant-api.md, "Payouts"): checked against the payout-address whitelist, stored,
 * handed to wallet-svc ({@link PayoutSteps}), and followed to their end. Every call is scoped to the merchant the
 * gateway verified. Nothing here runs in a transaction: the payout row must be committed before the wallet is called.
 */
@Service
public class PayoutService {

    private static final Logger log = LoggerFactory.getLogger(PayoutService.class);
    private static final String MERCHANT_OWNER = "MERCHANT:";

    private final MerchantPayoutMapper payouts;
    private final MerchantService merchants;
    private final PayoutSteps steps;
    private final WalletPayoutApi wallet;
    private final CallbackService callbacks;
    private final Clock clock;

    public PayoutService(MerchantPayoutMapper payouts, MerchantService merchants, PayoutSteps steps, WalletPayoutApi wallet,
                         CallbackService callbacks, Clock clock) {
        this.payouts = payouts;
        this.merchants = merchants;
        this.steps = steps;
        this.wallet = wallet;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /**
     * Asks for a payout, idempotent on {@code payoutNo}: a repeat with the same details answers the same payout (and
     * hands it to the wallet again if its first answer was unknown); other details are refused (20008). A new
     * payout's address must be on the whitelist (20007; the wallet is not called). Answers the state reached:
     * REQUESTING while the wallet's answer is unknown, or the wallet's status; a refusal is the wallet's error.
     */
    public PayoutView request(String merchantNo, PlacePayoutRequest r) {
        BigDecimal amount = PayoutAmounts.plain(Money.requirePositive("amount", r.amount(), Money.MAX_SCALE));
        MerchantPayoutDO p = find(merchantNo, r.payoutNo());
        if (p == null) {
            if (!merchants.isPayoutAddress(merchantNo, r.network(), r.toAddress())) {
                throw new ServiceException(MerchantApiErrorCodes.PAYOUT_ADDRESS_NOT_WHITELISTED);
            }
            p = insert(merchantNo, r, amount);
        }
        if (!sameDetails(p, r, amount)) {
            throw new ServiceException(MerchantApiErrorCodes.PAYOUT_NO_REUSED);
        }
        steps.submit(p.getId(), false);
        MerchantPayoutDO now = payouts.selectById(p.getId());
        if (MerchantPayoutDO.REFUSED.equals(now.getStatus())) {
            throw PayoutSteps.refusal(now); // a repeat of a refused payout answers the same refusal
        }
        return view(now);
    }

    /**
     * One payout. While the wallet has it under way (HOLDING to BROADCAST) its current status, fee and tx hash are
     * read from the wallet; if the wallet cannot answer now, the payout as last known here.
     */
    public PayoutView get(String merchantNo, String payoutNo) {
        MerchantPayoutDO p = existing(merchantNo, payoutNo);
        PayoutView known = view(p);
        if (MerchantPayoutDO.REQUESTING.equals(p.getStatus()) || MerchantPayoutDO.REFUSED.equals(p.getStatus())
                || PayoutSteps.FINAL.contains(p.getStatus())) {
            return known;
        }
        RemoteOutcome<WithdrawalView> live = RemoteOutcome.of(() -> wallet.payout(merchantNo, payoutNo).checkedData());
        if (live instanceof RemoteOutcome.Done<WithdrawalView> done) {
            WithdrawalView v = done.value();
            return new PayoutView(known.payoutNo(), v.withdrawalNo(), v.status().name(), known.network(), known.coin(), known.toAddress(),
                    known.amount(), PayoutAmounts.plain(v.fee()), v.txHash(), v.failureReason(), null, known.createdAt(),
                    v.updatedAt() != null ? v.updatedAt() : known.updatedAt(), known.finishedAt());
        }
        return known;
    }

    public List<CallbackService.Delivery> callbacks(String merchantNo, String payoutNo) {
        existing(merchantNo, payoutNo);
        return callbacks.deliveriesOfPayout(merchantNo, payoutNo);
    }

    public List<CallbackService.Delivery> redeliver(String merchantNo, String payoutNo) {
        return callbacks(merchantNo, payoutNo).stream().map(d -> callbacks.redeliver(callbacks.idOf(merchantNo, d.id()))).toList();
    }

    /** wallet-svc's {@link WalletEvents#PAYOUT_FINISHED}: the payout ended; the merchant is called back. */
    public void onFinished(WithdrawalView v) {
        if (v.ownerRef() == null || !v.ownerRef().startsWith(MERCHANT_OWNER) || !v.status().isFinal()) {
            log.warn("payout event of {} in status {} ignored: not a merchant's finished payout", v.ownerRef(), v.status());
            return;
        }
        MerchantPayoutDO p = find(v.ownerRef().substring(MERCHANT_OWNER.length()), v.clientRef());
        if (p == null) {
            log.error("payout event for {} {}: no such payout here; no callback", v.ownerRef(), v.clientRef());
            return;
        }
        steps.follow(p.getId(), v);
    }

    private MerchantPayoutDO insert(String merchantNo, PlacePayoutRequest r, BigDecimal amount) {
        MerchantPayoutDO p = new MerchantPayoutDO();
        p.setMerchantNo(merchantNo);
        p.setPayoutNo(r.payoutNo());
        p.setNetwork(r.network());
        p.setCoin(r.coin());
        p.setToAddress(r.toAddress());
        p.setAmount(amount);
        p.setNotifyUrl(r.notifyUrl());
        p.setStatus(MerchantPayoutDO.REQUESTING);
        p.setCreatedAt(now());
        p.setUpdatedAt(now());
        try {
            payouts.insert(p); // committed on its own: the intent exists before the wallet hears of it
            return p;
        } catch (DuplicateKeyException e) {
            return find(merchantNo, r.payoutNo()); // the same payoutNo, sent twice at once
        }
    }

    private static boolean sameDetails(MerchantPayoutDO p, PlacePayoutRequest r, BigDecimal amount) {
        return p.getNetwork().equals(r.network()) && p.getCoin().equals(r.coin()) && p.getToAddress().equals(r.toAddress())
                && p.getAmount().compareTo(amount) == 0 && Objects.equals(p.getNotifyUrl(), r.notifyUrl());
    }

    private MerchantPayoutDO find(String merchantNo, String payoutNo) {
        return payouts.selectOne(new LambdaQueryWrapper<MerchantPayoutDO>().eq(MerchantPayoutDO::getMerchantNo, merchantNo)
                .eq(MerchantPayoutDO::getPayoutNo, payoutNo));
    }

    private MerchantPayoutDO existing(String merchantNo, String payoutNo) {
        MerchantPayoutDO p = find(merchantNo, payoutNo);
        if (p == null) {
            throw new ServiceException(MerchantApiErrorCodes.PAYOUT_NOT_FOUND);
        }
        return p;
    }

    private static PayoutView view(MerchantPayoutDO p) {
        boolean refused = MerchantPayoutDO.REFUSED.equals(p.getStatus());
        return new PayoutView(p.getPayoutNo(), p.getWithdrawalNo(), p.getStatus(), p.getNetwork(), p.getCoin(), p.getToAddress(),
                PayoutAmounts.plain(p.getAmount()), PayoutAmounts.plain(p.getFee()), p.getTxHash(),
                refused ? p.getRefusalMessage() : p.getFailureReason(), refused ? p.getRefusalCode() : null,
                instant(p.getCreatedAt()), instant(p.getUpdatedAt()), instant(p.getFinishedAt()));
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
