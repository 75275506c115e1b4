package io.apay.otc.api.enums;

/**
 * The states of an acceptor's ad. OPENING and CLOSING are durable intents of the cross-service pattern
 * (docs/development.md): the ledger hold (or its release) is being made under the ad's own key, and the recovery
 * job finishes whatever a crash or a timeout left there.
 */
public enum AdStatus {
    /** Stored; its coin is being held in the ledger (key {@code ad:<id>:hold}). Takes no orders yet. */
    OPENING,
    /** Takes orders. */
    ACTIVE,
    /** Takes no new orders; open ones run to their end. Only a paused ad without open orders may close. */
    PAUSED,
    /** Closed for good; what remains of its hold is being released (key {@code ad:<id>:release}). */
    CLOSING,
    /** Closed and its hold released. */
    CLOSED,
    /** The ledger refused the hold (not enough coin): the ad never went live and holds nothing. */
    FAILED;

    /** The ad's hold in the ledger should be OPEN in these states. */
    public boolean holdsCoin() {
        return this == ACTIVE || this == PAUSED || this == CLOSING;
    }
}
