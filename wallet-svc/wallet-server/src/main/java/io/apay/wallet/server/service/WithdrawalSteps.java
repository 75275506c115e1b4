package io.apay.wallet.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.chainbridge.api.ChainBridgeApi;
import io.apay.chainbridge.api.ChainBridgeErrorCodes;
import io.apay.chainbridge.api.dto.ChainWithdrawalRequest;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.dto.WithdrawalVoidView;
import io.apay.chainbridge.api.enums.ChainWithdrawalStatus;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.mq.OutboxPublisher;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.KeyVoids;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.HoldRequest;
import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.dto.ReleaseHoldRequest;
import io.apay.ledger.api.dto.SettleHoldRequest;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.wallet.api.event.WalletEvents;
import io.apay.wallet.server.dal.dataobject.WithdrawalDO;
import io.apay.wallet.server.dal.mapper.WithdrawalMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A withdrawal's steps across services, each written as THE pattern (docs/development.md; copied from otc's
 * {@code AdLedgerSteps}): the intent (HOLDING, SENDING, SETTLING, RELEASING) is committed before the call; the key
 * comes from the withdrawal number ({@code withdrawal:<no>:hold|settle|release}, the chain send's id is the number);
 * Done completes it by one conditional UPDATE, Refused ends it the other way (a refused hold only once its key is
 * voided), Unknown leaves it for {@link WalletRecovery}. Every method starts from the row's state and does nothing
 * once the intent has ended, so the request thread, the event consumer and the recovery may all call it.
 *
 * <p>The hold is amount + fee, FREEZE. It is settled in one ledger transaction: the amount to the platform's
 * WITHDRAWAL_CLEARING, the fee to FEE_INCOME; or released whole.
 */
@Service
public class WithdrawalSteps {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalSteps.class);

    private final WithdrawalMapper withdrawals;
    private final LedgerApi ledger;
    private final ChainBridgeApi chain;
    private final KeyVoids voids;
    private final OutboxPublisher outbox;
    private final TransactionTemplate tx;
    private final WithdrawalRules rules;
    private final Clock clock;

    public WithdrawalSteps(WithdrawalMapper withdrawals, LedgerApi ledger, ChainBridgeApi chain, KeyVoids voids, OutboxPublisher outbox,
                           PlatformTransactionManager txManager, WithdrawalRules rules, Clock clock) {
        this.rules = rules;
        this.withdrawals = withdrawals;
        this.ledger = ledger;
        this.chain = chain;
        this.voids = voids;
        this.outbox = outbox;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    /**
     * Holds amount + fee of a HOLDING withdrawal, then REVIEW or SENDING (and sends). A refusal (not enough coin)
     * makes it FAILED once the key is voided, nothing held, and is thrown as the wallet's code; unknown leaves it HOLDING.
     */
    public void hold(long id) {
        WithdrawalDO w = withdrawals.selectById(id);
        if (!WithdrawalStates.HOLDING.equals(w.getStatus())) {
            return;
        }
        withdrawals.markAttempt(id, WithdrawalStates.HOLDING, now());
        String key = key(w, "hold");
        RemoteOutcome<TransactionView> held = RemoteOutcome.of(() -> ledger.hold(new HoldRequest(key, OwnerRefs.toLedger(w.getOwnerRef()),
                w.getCoin(), w.getAmount().add(w.getFee()), HoldPurpose.FREEZE, bizRef(w), "withdrawal " + w.getWithdrawalNo())).checkedData());
        if (held instanceof RemoteOutcome.Done<TransactionView> done) {
            held(w, done.value().holdId());
        } else if (held instanceof RemoteOutcome.Refused<TransactionView> refused) {
            switch (voids.voidKey(key, bizRef(w), "withdrawal " + w.getWithdrawalNo() + " not held")) {
                case VOIDED -> {
                    ErrorCode error = WalletRefusals.fromLedger(refused.error());
                    finish(w, WithdrawalStates.HOLDING, WithdrawalStates.FAILED, error.code(), "not held: " + error.message());
                    throw new ServiceException(error);
                }
                case USED -> voids.used(key).ifPresent(t -> held(w, t.holdId())); // an earlier attempt held it
                case UNKNOWN -> log.warn("withdrawal {}: its hold was refused, voiding the key had an unknown outcome; recovery retries",
                        w.getWithdrawalNo());
            }
        } else {
            log.warn("withdrawal {}: holding had an unknown outcome; the recovery job finishes it", w.getWithdrawalNo());
        }
    }

    private void held(WithdrawalDO w, long holdId) {
        String next = Boolean.TRUE.equals(w.getNeedsReview()) ? WithdrawalStates.REVIEW : WithdrawalStates.SENDING;
        if (withdrawals.held(w.getId(), next, holdId, now()) == 1 && WithdrawalStates.SENDING.equals(next)) {
            send(w.getId());
        }
    }

    /**
     * Hands a SENDING withdrawal to chain-bridge-svc (idempotent on the withdrawal number): BROADCAST. The chain
     * refusing it outright ends it once its number is voided at the chain (then nothing can be sent under it):
     * RELEASING, then FAILED; if an earlier attempt was accepted under the number, that one is followed. Unknown
     * leaves it SENDING.
     */
    public void send(long id) {
        WithdrawalDO w = withdrawals.selectById(id);
        if (!WithdrawalStates.SENDING.equals(w.getStatus())) {
            return;
        }
        withdrawals.markAttempt(id, WithdrawalStates.SENDING, now());
        RemoteOutcome<ChainWithdrawalView> sent = RemoteOutcome.of(() -> chain.send(new ChainWithdrawalRequest(w.getWithdrawalNo(),
                w.getNetwork(), w.getCoin(), w.getToAddress(), w.getAmount())).checkedData());
        if (sent instanceof RemoteOutcome.Done<ChainWithdrawalView> done) {
            accepted(w, done.value());
        } else if (sent instanceof RemoteOutcome.Refused<ChainWithdrawalView> refused) {
            if (refused.error().code() == ChainBridgeErrorCodes.WITHDRAWAL_ID_REUSED.code()) {
                log.error("withdrawal {}: chain-bridge-svc has another withdrawal under this number; it stays SENDING", w.getWithdrawalNo());
                return;
            }
            // void the number first: an earlier attempt still in flight (another replica) could otherwise be accepted
            // and sent after the hold went back; if one was accepted already, follow it instead
            RemoteOutcome<WithdrawalVoidView> voided = RemoteOutcome.of(() -> chain.voidWithdrawal(w.getWithdrawalNo()).checkedData());
            if (voided instanceof RemoteOutcome.Done<WithdrawalVoidView> done && !done.value().voided()) {
                accepted(w, done.value().withdrawal());
            } else if (voided instanceof RemoteOutcome.Done<WithdrawalVoidView>) {
                if (withdrawals.releasing(id, WithdrawalStates.SENDING, WithdrawalStates.FAILED,
                        "refused by the chain: " + refused.error().code(), null, now()) == 1) {
                    release(id);
                }
            } else {
                log.warn("withdrawal {}: the send was refused and voiding its number at the chain had no answer; recovery retries",
                        w.getWithdrawalNo());
            }
        } else {
            log.warn("withdrawal {}: sending had an unknown outcome; the recovery job finishes it", w.getWithdrawalNo());
        }
    }

    private void accepted(WithdrawalDO w, ChainWithdrawalView v) {
        withdrawals.broadcast(w.getId(), v.txHash(), now());
        if (v.status().isFinal()) {
            chainFinished(v);
        }
    }

    /**
     * The chain's outcome of a withdrawal (event or polling): CONFIRMED settles the hold, FAILED releases it.
     * Records the intent (one conditional UPDATE) and then runs the ledger step.
     */
    public void chainFinished(ChainWithdrawalView v) {
        Long id = recordChainOutcome(v);
        if (id != null) {
            finishLedgerStep(id);
        }
    }

    /** The intent alone (for the event consumer's transaction); answers the withdrawal's id, or null if not ours. */
    public Long recordChainOutcome(ChainWithdrawalView v) {
        WithdrawalDO w = withdrawals.selectOne(new LambdaQueryWrapper<WithdrawalDO>().eq(WithdrawalDO::getWithdrawalNo, v.withdrawalId()));
        if (w == null || !v.status().isFinal()) {
            return w == null ? null : w.getId();
        }
        for (String from : new String[] {WithdrawalStates.BROADCAST, WithdrawalStates.SENDING}) {
            int changed = v.status() == ChainWithdrawalStatus.CONFIRMED
                    ? withdrawals.settling(w.getId(), from, v.txHash(), now())
                    : withdrawals.releasing(w.getId(), from, WithdrawalStates.FAILED,
                    v.failureReason() == null ? "failed on chain" : "failed on chain: " + v.failureReason(), v.txHash(), now());
            if (changed == 1) {
                break;
            }
        }
        return w.getId();
    }

    /** Runs whichever ledger step the withdrawal's intent is waiting for. */
    public void finishLedgerStep(long id) {
        String status = withdrawals.selectById(id).getStatus();
        if (WithdrawalStates.SETTLING.equals(status)) {
            settle(id);
        } else if (WithdrawalStates.RELEASING.equals(status)) {
            release(id);
        }
    }

    /** Settles a SETTLING withdrawal's hold (amount to WITHDRAWAL_CLEARING, fee to FEE_INCOME): COMPLETED. */
    public void settle(long id) {
        WithdrawalDO w = withdrawals.selectById(id);
        if (!WithdrawalStates.SETTLING.equals(w.getStatus())) {
            return;
        }
        withdrawals.markAttempt(id, WithdrawalStates.SETTLING, now());
        RemoteOutcome<TransactionView> settled = RemoteOutcome.of(() -> ledger.settle(w.getHoldId(), new SettleHoldRequest(key(w, "settle"),
                null, true, OwnerRef.of(OwnerType.PLATFORM, AccountRef.PLATFORM_OWNER_ID), null, null, bizRef(w),
                "withdrawal " + w.getWithdrawalNo() + " sent", AccountKind.WITHDRAWAL_CLEARING,
                w.getFee().signum() > 0 ? w.getFee() : null)).checkedData());
        if (settled instanceof RemoteOutcome.Done<TransactionView>) {
            finish(w, WithdrawalStates.SETTLING, WithdrawalStates.COMPLETED, null, null);
        } else if (settled instanceof RemoteOutcome.Refused<TransactionView> refused) {
            log.error("withdrawal {}: the ledger refused to settle hold {} ({}); it stays SETTLING for an operator",
                    w.getWithdrawalNo(), w.getHoldId(), refused.error().code());
        } else {
            log.warn("withdrawal {}: settling had an unknown outcome; the recovery job finishes it", w.getWithdrawalNo());
        }
    }

    /** Releases a RELEASING withdrawal's hold back to its owner: FAILED or REJECTED. */
    public void release(long id) {
        WithdrawalDO w = withdrawals.selectById(id);
        if (!WithdrawalStates.RELEASING.equals(w.getStatus())) {
            return;
        }
        withdrawals.markAttempt(id, WithdrawalStates.RELEASING, now());
        RemoteOutcome<TransactionView> released = RemoteOutcome.of(() -> ledger.release(w.getHoldId(),
                new ReleaseHoldRequest(key(w, "release"), bizRef(w), "withdrawal " + w.getWithdrawalNo() + " not sent")).checkedData());
        boolean ended = released instanceof RemoteOutcome.Done<TransactionView>;
        if (released.refusalCode() == LedgerErrorCodes.HOLD_NOT_OPEN.code()) {
            RemoteOutcome<HoldView> hold = RemoteOutcome.of(() -> ledger.getHold(w.getHoldId()).checkedData());
            ended = hold instanceof RemoteOutcome.Done<HoldView> done && done.value().status() == HoldStatus.RELEASED;
        }
        if (ended) {
            finish(w, WithdrawalStates.RELEASING, w.getEnding(), null, null);
        } else if (released instanceof RemoteOutcome.Refused<TransactionView> refused) {
            log.error("withdrawal {}: the ledger refused to release hold {} ({}); it stays RELEASING for an operator",
                    w.getWithdrawalNo(), w.getHoldId(), refused.error().code());
        } else {
            log.warn("withdrawal {}: releasing had an unknown outcome; the recovery job finishes it", w.getWithdrawalNo());
        }
    }

    /** Ends the withdrawal; a merchant's payout publishes its end in the same transaction. */
    private void finish(WithdrawalDO w, String from, String to, Integer failureCode, String reason) {
        tx.executeWithoutResult(s -> {
            if (withdrawals.finish(w.getId(), from, to, failureCode, reason, now()) == 1 && OwnerRefs.isMerchant(w.getOwnerRef())) {
                outbox.publish(WalletEvents.PAYOUT_FINISHED, rules.view(withdrawals.selectById(w.getId())));
            }
        });
    }

    static String key(WithdrawalDO w, String step) {
        return "withdrawal:" + w.getWithdrawalNo() + ":" + step;
    }

    private static String bizRef(WithdrawalDO w) {
        return "withdrawal:" + w.getWithdrawalNo();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
