package io.apay.otc.api.enums;

/**
 * The states of an acceptor. APPROVING and LEAVING are durable intents of the cross-service pattern
 * (docs/development.md): the margin hold (or its release) is being made under the application's own key.
 */
public enum AcceptorStatus {
    /** Applied; waiting for risk. */
    APPLIED,
    /** Approved by risk; the margin is being held (key {@code acceptor:<id>:margin:<n>}). */
    APPROVING,
    /** Approved, margin held: may list ads. */
    ACTIVE,
    REJECTED,
    /** Leaving; the margin is being released (key {@code acceptor:<id>:margin:<n>:release}). */
    LEAVING,
    LEFT;

    /** The margin hold should be OPEN in these states. */
    public boolean holdsMargin() {
        return this == ACTIVE || this == LEAVING;
    }
}
