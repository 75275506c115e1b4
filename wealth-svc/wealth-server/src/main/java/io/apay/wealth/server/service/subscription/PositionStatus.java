package io.apay.wealth.server.service.subscription;

import java.util.List;

/**
 * A position's life (docs/wealth.md): SUBSCRIBING (intent: quota counted, ledger move pending) -> OPEN -> REDEEMING
 * -> REDEEMED, or SUBSCRIBING -> FAILED (the ledger refused: nothing moved, quota given back).
 */
public enum PositionStatus {
    SUBSCRIBING, OPEN, REDEEMING, REDEEMED, FAILED;

    /** The positions that count against the product's quota and the user's maximum. */
    public static final List<String> NOT_ENDED = List.of(SUBSCRIBING.name(), OPEN.name(), REDEEMING.name());

    /** The positions the app shows as history. */
    public static final List<String> ENDED = List.of(REDEEMED.name(), FAILED.name());
}
