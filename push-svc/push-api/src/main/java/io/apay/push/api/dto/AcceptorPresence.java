package io.apay.push.api.dto;

import java.time.Instant;

/**
 * An acceptor's presence. {@code epoch} is the epoch of the live monitor connection when online, otherwise the
 * last epoch ever handed out (0 if the acceptor never connected): a consumer that also receives presence events
 * can compare epochs to tell which of two pieces of news is newer. {@code since} is when the current connection
 * came online (null when offline).
 */
public record AcceptorPresence(long acceptorId, boolean online, long epoch, Instant since) {
}
