package io.apay.push.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The monitor's signatures as docs/monitor-protocol.md specifies them (written from the spec, not the server). */
public final class MonitorSigner {

    private MonitorSigner() {
    }

    /** {@code sig} of the handshake: HMAC-SHA256 over "monitor.connect\n{acceptorId}\n{deviceId}\n{ts}". */
    public static String connect(String secret, long acceptorId, String deviceId, long ts) {
        return hmacHex(secret, String.join("\n", "monitor.connect", Long.toString(acceptorId), deviceId, Long.toString(ts)));
    }

    /** {@code sig} of a payment.received report, over the fields exactly as they appear in the frame. */
    public static String report(String secret, String deviceId, String notificationId, String channel, String amount,
                                String currency, String paidAt, String payerRemark) {
        return hmacHex(secret, String.join("\n", "payment.received", deviceId, notificationId, channel, amount, currency,
                paidAt, payerRemark == null ? "" : payerRemark));
    }

    static String hmacHex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
