package io.apay.user.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The login-token contract between user-svc (which issues tokens) and the gateway (which checks and renews them).
 *
 * <p>A token is an opaque random string (256 bits, base64url). Redis never holds the token itself, only its
 * SHA-256: {@code <prefix>login-token:<sha256>} is a hash with the fields below, living {@link #TTL} and renewed on
 * every successful use; {@code <prefix>user-tokens:<userId>} is a sorted set of the user's token hashes (score =
 * issue time), for the device list and "log out everywhere".
 */
public final class LoginTokens {

    public static final Duration TTL = Duration.ofDays(7);
    public static final String TOKEN_DOMAIN = "login-token";
    public static final String USER_TOKENS_DOMAIN = "user-tokens";

    public static final String FIELD_USER_ID = "userId";
    public static final String FIELD_DEVICE_ID = "deviceId";
    public static final String FIELD_DEVICE_NAME = "deviceName";
    public static final String FIELD_ISSUED_AT = "issuedAt";
    public static final String FIELD_LAST_USED_AT = "lastUsedAt";

    private LoginTokens() {
    }

    /** Lowercase hex SHA-256 of the token: its id in Redis and in the X-Apay-Token-Id header. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
