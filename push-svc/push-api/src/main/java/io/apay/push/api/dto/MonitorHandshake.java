package io.apay.push.api.dto;

/**
 * The monitor's handshake parameters as the gateway checks them before it upgrades a {@code /ws/monitor} request:
 * the acceptor is the gateway's verified user, the rest are the query parameters of the upgrade
 * (docs/monitor-protocol.md, "Connecting").
 */
public record MonitorHandshake(Long acceptorId, String deviceId, String ts, String sig) {
}
