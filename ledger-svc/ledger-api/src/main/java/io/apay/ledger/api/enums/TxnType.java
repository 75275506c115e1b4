package io.apay.ledger.api.enums;

/** The type of a journal transaction. */
public enum TxnType {
    /** One or more legs between accounts, optionally with a fee on the first leg. */
    TRANSFER,
    /** An operator credit: from the platform's FUNDING account to an owner's AVAILABLE account. */
    CREDIT,
    /** A hold: AVAILABLE to FROZEN (or MARGIN). */
    HOLD,
    /** A hold settled (fully or partly) to a payee, minus fees. */
    SETTLE,
    /** A hold released back to AVAILABLE. */
    RELEASE,
    /** The exact negation of an earlier TRANSFER or CREDIT. */
    REVERSAL,
    /** An idempotency key claimed without moving money: no postings, so nothing to reverse. */
    VOID;

    public boolean reversible() {
        return this == TRANSFER || this == CREDIT;
    }
}
