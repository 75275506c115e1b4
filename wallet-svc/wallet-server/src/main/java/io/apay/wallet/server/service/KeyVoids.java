package io.apay.wallet.server.service;

import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.VoidKeyRequest;
import io.apay.ledger.api.enums.TxnType;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Ending an intent the other way (docs/development.md): before a withdrawal whose hold was refused is FAILED, or a
 * refused transfer FAILED, its key is voided in the ledger, so no earlier attempt under it can be applied later. If
 * the key was already used, that attempt WAS applied and the intent completes instead.
 */
@Component
public class KeyVoids {

    /** VOIDED: nothing can use the key any more. USED: a real request holds it (see {@link #used}). UNKNOWN: ask again. */
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
}
