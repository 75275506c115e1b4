package io.apay.otc.server.service;

import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.ReleaseHoldRequest;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.HoldStatus;
import org.springframework.stereotype.Component;

/**
 * Releasing what remains of a ledger hold (an ad's coin, an acceptor's margin), as a step of the cross-service
 * pattern: the answer is {@link Result#ENDED} when the hold is released now or was already not open (every coin of
 * it settled), {@link Result#REFUSED} for any other refusal, {@link Result#UNKNOWN} when the outcome is not known.
 */
@Component
public class HoldRelease {

    public enum Result { ENDED, REFUSED, UNKNOWN }

    private final LedgerApi ledger;

    public HoldRelease(LedgerApi ledger) {
        this.ledger = ledger;
    }

    public Result release(long holdId, String key, String bizRef, String memo) {
        RemoteOutcome<TransactionView> released = RemoteOutcome.of(() ->
                ledger.release(holdId, new ReleaseHoldRequest(key, bizRef, memo)).checkedData());
        if (released instanceof RemoteOutcome.Done<TransactionView>) {
            return Result.ENDED;
        }
        if (released.refusalCode() == LedgerErrorCodes.HOLD_NOT_OPEN.code()) {
            RemoteOutcome<HoldView> hold = RemoteOutcome.of(() -> ledger.getHold(holdId).checkedData());
            return hold instanceof RemoteOutcome.Done<HoldView> done && done.value().status() != HoldStatus.OPEN ? Result.ENDED : Result.UNKNOWN;
        }
        return released instanceof RemoteOutcome.Refused<TransactionView> ? Result.REFUSED : Result.UNKNOWN;
    }
}
