package io.apay.ledger.api.dto;

import io.apay.ledger.api.enums.TxnType;
import java.time.Instant;
import java.util.List;

/**
 * A journal transaction and its postings (which sum to zero per coin; a VOID has none). A repeat of the request
 * that created it (same idempotency key, same payload) answers this same transaction.
 */
public record TransactionView(
        long txnId,
        String idempotencyKey,
        TxnType type,
        String bizRef,
        String memo,
        Long holdId,
        Long reversesTxnId,
        Long reversedByTxnId,
        Instant createdAt,
        List<PostingView> postings) {
}
