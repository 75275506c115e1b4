package io.apay.wealth.server.service.accrual;

/**
 * A product's accrual of one day ({@code wealth_accrual_run}, docs/wealth.md "How a day is run"): CALCULATED (the
 * intent: rewards computed, the ledger transfer under {@code wealth:accrual:<runId>} pending) -> POSTED, or VOIDED
 * (the ledger refused, e.g. an unfunded pool: key voided, its rows deleted; the day is run again later as a new run).
 */
public enum AccrualRunStatus {
    CALCULATED, POSTED, VOIDED
}
