package io.apay.push.api.event;

/** Why a monitor connection ended. */
public enum OfflineReason {
    /** The socket was closed (by the app, the network, or the server). */
    CLOSED,
    /** No message from the monitor for three heartbeats (6 s). */
    HEARTBEAT_TIMEOUT,
    /** The push-svc replica holding the socket stopped renewing its lease (crashed or cut off). */
    REPLICA_LOST,
    /** The device the monitor signed in with was revoked. */
    DEVICE_REVOKED
}
