package io.apay.ledger.api.dto;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one reconciliation run over the whole journal. {@code ok} is true when no check found a
 * difference; otherwise {@code differences} lists them (the first 100; {@code differenceCount} counts all).
 */
public record ReconciliationReport(
        long runId,
        String trigger,
        boolean ok,
        Instant startedAt,
        Instant finishedAt,
        long accountsChecked,
        long postingsChecked,
        long holdsChecked,
        long differenceCount,
        List<Difference> differences) {

    /**
     * One difference. {@code check} is one of POSTINGS_SUM_PER_COIN, TXN_SUM_PER_COIN, TXN_HAS_POSTINGS,
     * VOID_HAS_NO_POSTINGS, BALANCE_EQUALS_POSTINGS, BALANCE_AFTER_CHAIN, NO_FORBIDDEN_NEGATIVE,
     * HELD_EQUALS_OPEN_HOLDS; {@code subject} says which coin, transaction or account.
     */
    public record Difference(String check, String subject, String expected, String actual) {
    }
}
