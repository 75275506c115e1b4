package io.apay.push.server.service.session;

import org.springframework.web.socket.CloseStatus;

/** The close codes push-svc uses (docs/monitor-protocol.md, "Closing"). */
public final class CloseCodes {

    /** A newer connection of the same acceptor took over. Do not reconnect automatically. */
    public static final CloseStatus SUPERSEDED = new CloseStatus(4001, "superseded by a newer connection");
    /** Nothing received for three heartbeats. Reconnect. */
    public static final CloseStatus HEARTBEAT_TIMEOUT = new CloseStatus(4002, "heartbeat timeout");
    /** The socket did not take frames fast enough. Reconnect. */
    public static final CloseStatus TOO_SLOW = new CloseStatus(4003, "too slow");
    /** The device was revoked. Do not reconnect with it. */
    public static final CloseStatus DEVICE_REVOKED = new CloseStatus(4004, "device revoked");
    /** The replica is shutting down. Reconnect (to another replica). */
    public static final CloseStatus GOING_AWAY = CloseStatus.GOING_AWAY;
    public static final CloseStatus SERVER_ERROR = CloseStatus.SERVER_ERROR;

    private CloseCodes() {
    }

    public static CloseStatus of(int code) {
        return switch (code) {
            case 4001 -> SUPERSEDED;
            case 4002 -> HEARTBEAT_TIMEOUT;
            case 4003 -> TOO_SLOW;
            case 4004 -> DEVICE_REVOKED;
            default -> new CloseStatus(code);
        };
    }
}
