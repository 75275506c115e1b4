package io.apay.push.api.event;

import java.time.Instant;

/** The acceptor's monitor connection of {@code epoch} became the live one at {@code at}. */
public record AcceptorOnlineEvent(long acceptorId, long epoch, String deviceId, Instant at) {
}
