package io.apay.push.server.service.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The monitor's signatures (docs/monitor-protocol.md, "Signatures"): lowercase hex HMAC-SHA256, keyed with the
 * UTF-8 bytes of the device secret, over a canonical text of fixed lines joined by '\n'. Only the last line may
 * contain a line break, so the text is unambiguous.
 */
public final class MonitorSignatures {

    private MonitorSignatures() {
    }

    public static String connectText(long acceptorId, String deviceId, String ts) {
        return "monitor.connect\n" + acceptorId + "\n" + deviceId + "\n" + ts;
    }

    public static String reportText(String deviceId, String notificationId, String channel, String amount,
                                    String currency, String paidAt, String payerRemark) {
        return "payment.received\n" + deviceId + "\n" + notificationId + "\n" + channel + "\n" + amount + "\n"
                + currency + "\n" + paidAt + "\n" + (payerRemark == null ? "" : payerRemark);
    }

    public static String sign(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of the expected signature with the one received. */
    public static boolean verify(String secret, String text, String signature) {
        if (signature == null) {
            return false;
        }
        byte[] expected = sign(secret, text).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
}
