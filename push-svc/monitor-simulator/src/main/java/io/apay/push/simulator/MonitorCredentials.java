package io.apay.push.simulator;

/**
 * Who a simulated monitor is. {@code bearerToken} is the acceptor's login token (sent as
 * {@code Authorization: Bearer}, what the gateway verifies); {@code trustedUserIdHeader}, when true, also sends
 * {@code X-Apay-User-Id} as the gateway would, for connecting to push-svc directly in tests and benchmarks.
 */
public record MonitorCredentials(long acceptorId, String deviceId, String deviceSecret, String bearerToken,
                                 boolean trustedUserIdHeader) {

    /** Straight to push-svc, as the gateway would forward it (tests, benchmark). */
    public static MonitorCredentials direct(long acceptorId, String deviceId, String deviceSecret) {
        return new MonitorCredentials(acceptorId, deviceId, deviceSecret, null, true);
    }

    /** Through the gateway with a login token. */
    public static MonitorCredentials viaGateway(long acceptorId, String deviceId, String deviceSecret, String token) {
        return new MonitorCredentials(acceptorId, deviceId, deviceSecret, token, false);
    }

    @Override
    public String toString() {
        return "MonitorCredentials[acceptorId=" + acceptorId + ", deviceId=" + deviceId + "]";
    }
}
