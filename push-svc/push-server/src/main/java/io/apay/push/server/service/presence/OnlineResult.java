package io.apay.push.server.service.presence;

/**
 * The outcome of bringing a connection online. {@code applied} false: a newer connection is already registered and
 * this one must close. Otherwise {@code previousOnline} tells whether an older connection (of
 * {@code previousEpoch}, on replica {@code previousNode}) was live and must now be closed.
 */
public record OnlineResult(boolean applied, long previousEpoch, boolean previousOnline, String previousNode) {
}
