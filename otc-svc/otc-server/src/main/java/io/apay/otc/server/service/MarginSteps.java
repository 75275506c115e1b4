package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.update.LambdaUpdateWrapper;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.KeyVoids;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.HoldRequest;
import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.otc.api.enums.AcceptorStatus;
import io.apay.otc.server.dal.dataobject.AcceptorDO;
import io.apay.otc.server.dal.mapper.AcceptorMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An acceptor's margin in the ledger, the cross-service pattern as in {@link AdLedgerSteps}: the intent is the
 * acceptor's state (APPROVING, LEAVING), committed before the call; the keys come from the application
 * ({@code acceptor:<id>:margin:<n>}, {@code ...:release}); completion is one conditional UPDATE; the recovery job
 * calls again for intents older than {@code apay.otc.recover-after}.
 */
@Service
public class MarginSteps {

    private static final Logger log = LoggerFactory.getLogger(MarginSteps.class);

    private final AcceptorMapper acceptors;
    private final LedgerApi ledger;
    private final HoldRelease holds;
    private final KeyVoids voids;
    private final Clock clock;

    public MarginSteps(AcceptorMapper acceptors, LedgerApi ledger, HoldRelease holds, KeyVoids voids, Clock clock) {
        this.acceptors = acceptors;
        this.ledger = ledger;
        this.holds = holds;
        this.voids = voids;
        this.clock = clock;
    }

    static String marginKey(AcceptorDO a) {
        return "acceptor:" + a.getUserId() + ":margin:" + a.getApplicationNo();
    }

    /**
     * Holds an APPROVING acceptor's margin and makes it ACTIVE. A refusal (not enough coin) sends it back to APPLIED,
     * once its key is voided, and is thrown as otc's own error; an unknown outcome leaves it APPROVING for recovery.
     */
    public void finishApproving(long userId) {
        AcceptorDO a = acceptors.selectById(userId);
        if (!AcceptorStatus.APPROVING.name().equals(a.getStatus())) {
            return;
        }
        acceptors.markAttempt(userId, AcceptorStatus.APPROVING.name(), now());
        String key = marginKey(a);
        RemoteOutcome<TransactionView> held = RemoteOutcome.of(() -> ledger.hold(new HoldRequest(key,
                OwnerRef.of(OwnerType.ACCEPTOR, Long.toString(userId)), a.getMarginCoin(), a.getMarginAmount(), HoldPurpose.MARGIN,
                "acceptor:" + userId, "margin deposit of acceptor " + userId)).checkedData());
        if (held instanceof RemoteOutcome.Done<TransactionView> done) {
            activate(userId, done.value().holdId());
        } else if (held instanceof RemoteOutcome.Refused<TransactionView> refused) {
            // back to pending only once no earlier attempt can still be applied: void the key first
            switch (voids.voidKey(key, "acceptor:" + userId, "margin of acceptor " + userId + " not held")) {
                case VOIDED -> {
                    AcceptorDO pendingAgain = new AcceptorDO();
                    pendingAgain.setApplicationNo(a.getApplicationNo() + 1); // the voided key is spent: the next approval gets its own
                    move(userId, AcceptorStatus.APPROVING, AcceptorStatus.APPLIED, pendingAgain);
                    throw LedgerRefusals.toOtc(refused.error());
                }
                case USED -> voids.used(key).ifPresent(hold -> activate(userId, hold.holdId())); // an earlier attempt held it
                case UNKNOWN -> log.warn("acceptor {}: the margin was refused, voiding the key had an unknown outcome; the recovery job retries", userId);
            }
        } else {
            log.warn("acceptor {}: holding the margin had an unknown outcome; the recovery job finishes it", userId);
        }
    }

    private void activate(long userId, long holdId) {
        AcceptorDO change = new AcceptorDO();
        change.setMarginHoldId(holdId);
        move(userId, AcceptorStatus.APPROVING, AcceptorStatus.ACTIVE, change);
    }

    /** Releases a LEAVING acceptor's margin and makes it LEFT; an unknown outcome leaves it LEAVING. */
    public void finishLeaving(long userId) {
        AcceptorDO a = acceptors.selectById(userId);
        if (!AcceptorStatus.LEAVING.name().equals(a.getStatus())) {
            return;
        }
        acceptors.markAttempt(userId, AcceptorStatus.LEAVING.name(), now());
        switch (holds.release(a.getMarginHoldId(), marginKey(a) + ":release", "acceptor:" + userId, "acceptor " + userId + " left")) {
            case ENDED -> {
                AcceptorDO change = new AcceptorDO();
                change.setLeftAt(now());
                move(userId, AcceptorStatus.LEAVING, AcceptorStatus.LEFT, change);
            }
            case REFUSED -> log.error("acceptor {}: the ledger refused to release the margin hold {}; it stays LEAVING", userId, a.getMarginHoldId());
            case UNKNOWN -> log.warn("acceptor {}: releasing the margin had an unknown outcome; the recovery job finishes it", userId);
        }
    }

    /** One conditional UPDATE: status from -> to, with the fields of {@code change}. */
    boolean move(long userId, AcceptorStatus from, AcceptorStatus to, AcceptorDO change) {
        change.setStatus(to.name());
        change.setUpdatedAt(now());
        return acceptors.update(change, new LambdaUpdateWrapper<AcceptorDO>().eq(AcceptorDO::getUserId, userId)
                .eq(AcceptorDO::getStatus, from.name())) == 1;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
