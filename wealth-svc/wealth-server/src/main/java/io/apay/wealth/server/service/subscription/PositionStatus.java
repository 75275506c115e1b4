package io.apay.wealth.server.service.subscription;

import java.util.List;

/**
 * A position's life (docs/wealth.md): SUBSCRIBING (intent: quota counted, ledger move pending) -> OPEN -> REDEEMING
 * -> REDEEMED, or SUBSCRIBING -> FAILED (the ledger refused: nothing moved, quota given back). SUBSCRIBING, OPEN
 * and REDEEMING count against the product's quota and the user's maximum.
 */
public enum PositionStatus {
    SUBSCRIBING, OPEN, REDEEMING, REDEEMED, FAILED;

    /** The positions the app shows as history. */
    public static final List<String> ENDED = List.of(REDEEMED.name(), FAILED.name());
}
