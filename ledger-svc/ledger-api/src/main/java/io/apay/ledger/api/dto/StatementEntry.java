package io.apay.ledger.api.dto;

import io.apay.ledger.api.enums.TxnType;
import java.math.BigDecimal;
import java.time.Instant;

/** One line of an account statement: a posting with its transaction's type and reference. */
public record StatementEntry(
        long postingId,
        long txnId,
        TxnType txnType,
        String bizRef,
        String memo,
        BigDecimal amount,
        BigDecimal balanceAfter,
        Instant createdAt) {
}
