package io.apay.push.server.service.presence;

/** Where an acceptor's live connection is: its epoch, the replica holding the socket, the device. */
public record SessionLocation(long acceptorId, long epoch, String node, String deviceId) {
}
