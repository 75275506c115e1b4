package io.apay.push.api.event;

import java.time.Instant;

/**
 * The acceptor's monitor connection of {@code epoch} ended at {@code at} and no newer one was live: the acceptor is
 * paused. Never published for an epoch older than the live one (the transition is a compare-and-set on the epoch).
 */
public record AcceptorOfflineEvent(long acceptorId, long epoch, OfflineReason reason, Instant at) {
}
