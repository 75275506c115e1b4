package io.apay.ledger.server.service.engine;

import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.TxnType;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/** The rows a batch reads under lock and writes, as plain values. */
public final class Rows {

    private Rows() {
    }

    public record Txn(long id, String idempotencyKey, String requestHash, TxnType type, String bizRef, String memo,
                      Long holdId, Long reversesTxnId, LocalDateTime createdAt) {
    }

    public record Posting(long txnId, long accountId, String coin, BigDecimal amount, BigDecimal balanceAfter,
                          LocalDateTime createdAt) {
    }

    /** A hold; changes make a new value (the book keeps the one read under lock to update it conditionally). */
    public record Hold(long id, HoldPurpose purpose, HoldStatus status, long sourceAccountId, long heldAccountId,
                       String coin, BigDecimal amount, BigDecimal remaining, BigDecimal settled, BigDecimal released,
                       long createdTxnId, String bizRef, long version, LocalDateTime createdAt, LocalDateTime updatedAt) {

        Hold resolve(HoldStatus newStatus, BigDecimal newRemaining, BigDecimal newSettled, BigDecimal newReleased,
                     LocalDateTime now) {
            return new Hold(id, purpose, newStatus, sourceAccountId, heldAccountId, coin, amount, newRemaining,
                    newSettled, newReleased, createdTxnId, bizRef, version, createdAt, now);
        }
    }

    /** A transaction that a reversal in this batch refers to, read under lock with its postings. */
    public record Target(long id, TxnType type, Long reversedByTxnId, List<Movement> postings) {
    }

    public record Movement(long accountId, BigDecimal amount) {
    }
}
