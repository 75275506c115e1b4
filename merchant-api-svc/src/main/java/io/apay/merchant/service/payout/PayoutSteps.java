package io.apay.merchant.service.payout;

import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.merchant.dal.dataobject.MerchantPayoutDO;
import io.apay.merchant.dal.mapper.MerchantPayoutMapper;
import io.apay.merchant.service.callback.CallbackService;
import io.apay.wallet.api.WalletPayoutApi;
import io.apay.wallet.api.dto.PayoutRequest;
import io.apay.wallet.api.dto.WithdrawalView;
import io.apay.wallet.api.enums.WithdrawalStatus;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A payout's one remote step, written as the cross-service pattern (docs/development.md, as otc's
 * {@code AdLedgerSteps}):
 * <ol>
 *   <li><b>Durable intent</b>: the payout row is stored REQUESTING and committed before the wallet is called.</li>
 *   <li><b>Derived key</b>: the wallet's idempotency key is (merchantNo, payoutNo), the row's own unique key; every
 *       call of a payout sends the same request (the stored fields, the amount in one spelling).</li>
 *   <li><b>Classified answer</b> ({@link RemoteOutcome}): Done: the row takes the wallet's status; Refused: REFUSED
 *       with the wallet's code, which the request answers; Unknown: left REQUESTING for ...</li>
 *   <li><b>... the recovery</b> ({@link PayoutRecovery}), which calls {@link #submit} again. Nothing is undone in a
 *       catch block.</li>
 * </ol>
 * The wallet's later word (its PAYOUT_FINISHED event) comes through {@link #follow}, which also records the
 * merchant's callback when the payout ends. wallet-svc offers no way to void a payout key, so a REFUSED payout is
 * not final for the wallet's word: should an earlier attempt of it still be applied, its end is followed and called
 * back like any other.
 */
@Service
public class PayoutSteps {

    private static final Logger log = LoggerFactory.getLogger(PayoutSteps.class);
    /** The wallet's final statuses: a payout in one of them never changes again. */
    static final Set<String> FINAL = Set.copyOf(Stream.of(WithdrawalStatus.values()).filter(WithdrawalStatus::isFinal).map(Enum::name).toList());

    private final MerchantPayoutMapper payouts;
    private final WalletPayoutApi wallet;
    private final CallbackService callbacks;
    private final TransactionTemplate tx;
    private final Clock clock;

    public PayoutSteps(MerchantPayoutMapper payouts, WalletPayoutApi wallet, CallbackService callbacks, PlatformTransactionManager txManager,
                       Clock clock) {
        this.payouts = payouts;
        this.wallet = wallet;
        this.callbacks = callbacks;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    /**
     * Hands a REQUESTING payout to the wallet (again: the same request each time). A refusal makes it REFUSED and is
     * thrown as the wallet's own error; {@code callBackRefusal} (the recovery: nobody is waiting for the answer) also
     * tells the merchant with a PAYOUT_REFUSED callback. An unknown outcome leaves it REQUESTING. Does nothing once
     * the payout has moved on.
     */
    public void submit(long id, boolean callBackRefusal) {
        MerchantPayoutDO p = payouts.selectById(id);
        if (!MerchantPayoutDO.REQUESTING.equals(p.getStatus())) {
            return;
        }
        payouts.markAttempt(id, now());
        RemoteOutcome<WithdrawalView> answer = RemoteOutcome.of(() -> wallet.requestPayout(new PayoutRequest(p.getMerchantNo(),
                p.getPayoutNo(), p.getNetwork(), p.getCoin(), p.getToAddress(), PayoutAmounts.plain(p.getAmount()))).checkedData());
        if (answer instanceof RemoteOutcome.Done<WithdrawalView> done) {
            follow(id, done.value());
        } else if (answer instanceof RemoteOutcome.Refused<WithdrawalView> refused) {
            ServiceException e = refused.error();
            MerchantPayoutDO after = tx.execute(s -> {
                if (payouts.refuse(id, e.code(), e.httpStatus(), truncate(e.clientMessage(), 255), now()) == 1 && callBackRefusal) {
                    MerchantPayoutDO ended = payouts.selectById(id);
                    callbacks.enqueuePayout(ended.getMerchantNo(), ended.getPayoutNo(), PayoutCallbacks.eventType(MerchantPayoutDO.REFUSED),
                            ended.getNotifyUrl(), PayoutCallbacks.fields(ended));
                }
                return payouts.selectById(id);
            });
            if (MerchantPayoutDO.REFUSED.equals(after.getStatus())) {
                throw refusal(after); // this refusal, or a racing attempt's
            }
        } else {
            log.warn("payout {} of {}: the wallet's answer is unknown; the recovery asks again", p.getPayoutNo(), p.getMerchantNo());
        }
    }

    /**
     * Takes the wallet's view of a payout: its status and what the wallet knows (withdrawal number, fee, tx hash,
     * failure reason). Reaching a final status records the merchant's callback in the same transaction (one per
     * payout and event type). A payout that has ended is not changed; a REFUSED one only by a final view.
     */
    public void follow(long id, WithdrawalView v) {
        String to = v.status().name();
        tx.executeWithoutResult(s -> {
            MerchantPayoutDO p = payouts.lock(id);
            if (FINAL.contains(p.getStatus()) || MerchantPayoutDO.REFUSED.equals(p.getStatus()) && !v.status().isFinal()) {
                return;
            }
            if (MerchantPayoutDO.REFUSED.equals(p.getStatus())) {
                log.warn("payout {} of {} was refused, yet the wallet reports it {}: an earlier attempt was applied", p.getPayoutNo(),
                        p.getMerchantNo(), to);
            }
            LocalDateTime now = now();
            payouts.follow(id, p.getStatus(), to, v.withdrawalNo(), v.fee(), v.txHash(), truncate(v.failureReason(), 255), now,
                    v.status().isFinal() ? now : null);
            if (v.status().isFinal()) {
                MerchantPayoutDO ended = payouts.selectById(id);
                callbacks.enqueuePayout(ended.getMerchantNo(), ended.getPayoutNo(), PayoutCallbacks.eventType(to), ended.getNotifyUrl(),
                        PayoutCallbacks.fields(ended));
            }
        });
    }

    /** The refusal a REFUSED payout answers, every time: the wallet's code, status and message. */
    static ServiceException refusal(MerchantPayoutDO p) {
        return new ServiceException(new ErrorCode(p.getRefusalCode(), p.getRefusalStatus(), p.getRefusalMessage()));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
