package io.apay.push.server.service.device;

/** An authenticated device of an acceptor and its secret (kept in memory for the socket's life, never logged). */
public record DeviceKey(long acceptorId, String deviceId, String secret) {

    @Override
    public String toString() {
        return "DeviceKey[acceptorId=" + acceptorId + ", deviceId=" + deviceId + "]";
    }
}
