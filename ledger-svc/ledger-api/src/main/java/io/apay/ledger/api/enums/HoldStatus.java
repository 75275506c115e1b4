package io.apay.ledger.api.enums;

/** A hold is OPEN until it is resolved, exactly once, as SETTLED or RELEASED. */
public enum HoldStatus {
    OPEN,
    SETTLED,
    RELEASED
}
