package io.apay.chainbridge.server.tron;

import java.time.Duration;
import java.util.Objects;

/**
 * When and against which block a transaction is valid: the reference block (TAPOS), the creation timestamp and the
 * expiration, all in milliseconds since the epoch. A node refuses a transaction whose expiration has passed
 * (TRANSACTION_EXPIRATION_ERROR) or lies more than 24 hours after its head block, so once expired the same
 * transaction can never land and a new one may be built.
 */
public record TronTxValidity(TronBlockRef refBlock, long timestampMillis, long expirationMillis) {

    /** The most a node accepts between its head block and a transaction's expiration. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);

    public TronTxValidity {
        Objects.requireNonNull(refBlock, "refBlock");
        if (timestampMillis <= 0) {
            throw new IllegalArgumentException("timestamp must be positive");
        }
        if (expirationMillis <= timestampMillis) {
            throw new IllegalArgumentException("expiration must be after the timestamp");
        }
    }

    /**
     * Anchored on a recent block: created now, expiring {@code lifetime} after that block's time (a node measures
     * expiration against its head block, not its clock).
     */
    public static TronTxValidity anchoredOn(TronBlockHeader refBlock, long nowMillis, Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("lifetime must be positive and at most " + MAX_LIFETIME);
        }
        return new TronTxValidity(TronBlockRef.fromBlockId(refBlock.blockId()), nowMillis,
                refBlock.timestampMillis() + lifetime.toMillis());
    }
}
