package io.apay.push.api.message;

import java.time.Instant;

/** The order ended ({@code reason}: PAID, EXPIRED, CANCELLED, ...): the monitor stops watching for it. */
public record OrderClosedMessage(long acceptorId, String orderId, String reason, Instant closedAt) {
}
