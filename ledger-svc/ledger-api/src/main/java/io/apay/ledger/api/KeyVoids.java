package io.apay.ledger.api;

import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.VoidKeyRequest;
import io.apay.ledger.api.enums.TxnType;
import java.util.Optional;

/**
 * Ending an intent the other way (docs/development.md): before a caller gives a local intent up (an ad FAILED, an
 * application back to pending, an appealed order cancelled, a withdrawal whose hold was refused FAILED, a refused
 * transfer), its key is voided in the ledger, so no earlier attempt under that key - still queued, answered
 * "unknown", on another replica - can be applied afterwards. Voiding is itself idempotent; if the key was already
 * used, that earlier attempt WAS applied and the intent completes instead. A caller declares it as a bean.
 */
public class KeyVoids {

    /** VOIDED: nothing can use the key any more. USED: a real request holds it (read it with {@link #used}). UNKNOWN: ask again. */
    public enum Result { VOIDED, USED, UNKNOWN }

    private final LedgerApi ledger;

    public KeyVoids(LedgerApi ledger) {
        this.ledger = ledger;
    }

    public Result voidKey(String key, String bizRef, String memo) {
        RemoteOutcome<TransactionView> voided = RemoteOutcome.of(() -> ledger.voidKey(new VoidKeyRequest(key, bizRef, memo)).checkedData());
        if (voided instanceof RemoteOutcome.Done<TransactionView>) {
            return Result.VOIDED;
        }
        return voided.refusalCode() == LedgerErrorCodes.IDEMPOTENCY_KEY_REUSED.code() ? Result.USED : Result.UNKNOWN;
    }

    /** The real (not voided) transaction under this key, if the ledger has one; empty if none or it cannot say now. */
    public Optional<TransactionView> used(String key) {
        RemoteOutcome<TransactionView> found = RemoteOutcome.of(() -> ledger.getTransactionByKey(key).checkedData());
        return found instanceof RemoteOutcome.Done<TransactionView> done && done.value().type() != TxnType.VOID
                ? Optional.of(done.value()) : Optional.empty();
    }

    /** True if the ledger answers that this key was voided; false if not, 503-free: unknown counts as not voided. */
    public boolean isVoided(String key) {
        RemoteOutcome<TransactionView> found = RemoteOutcome.of(() -> ledger.getTransactionByKey(key).checkedData());
        return found instanceof RemoteOutcome.Done<TransactionView> done && done.value().type() == TxnType.VOID;
    }
}
