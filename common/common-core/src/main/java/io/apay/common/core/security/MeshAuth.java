package io.apay.common.core.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The credential that proves a request comes from inside the mesh: the gateway puts it on every request it forwards,
 * a service on every call to another service. {@value #HEADER}{@code : <ts>.<hmac>}, where {@code ts} is epoch
 * milliseconds and {@code hmac} the lowercase hex HMAC-SHA256, under the mesh key ({@code apay.mesh.key}, base64 of
 * at least 32 bytes, from the environment or a k8s Secret; never in git), of
 * <pre>
 * APAY-MESH-1\n&lt;ts&gt;\n&lt;METHOD&gt;\n&lt;raw path&gt;\n
 * &lt;name&gt;:&lt;value&gt;\n   one line per X-Apay-* header (except this one), names lowercased and sorted
 * </pre>
 * So a service believes the {@code X-Apay-*} identity headers only together with a valid signature over them; a
 * header added or changed on the way breaks it. A credential is accepted for {@link #MAX_SKEW} either side of the
 * service's clock. Verification also accepts {@code apay.mesh.accepted-keys} (comma-separated), for a rotation.
 */
public final class MeshAuth {

    public static final String HEADER = "X-Apay-Auth";
    public static final String KEY_PROPERTY = "apay.mesh.key";
    public static final String ACCEPTED_KEYS_PROPERTY = "apay.mesh.accepted-keys";
    public static final Duration MAX_SKEW = Duration.ofSeconds(60);

    private static final String VERSION = "APAY-MESH-1";
    private static final int MIN_KEY_BYTES = 32;
    private static final String PREFIX_LOWER = IdentityHeaders.PREFIX.toLowerCase(Locale.ROOT);
    private static final String HEADER_LOWER = HEADER.toLowerCase(Locale.ROOT);

    /** Why a credential was refused. */
    public enum Result { VALID, MISSING, INVALID }

    private final byte[] signingKey;
    private final List<byte[]> acceptedKeys;

    private MeshAuth(byte[] signingKey, List<byte[]> acceptedKeys) {
        this.signingKey = signingKey;
        this.acceptedKeys = acceptedKeys;
    }

    /**
     * @param key           the mesh key that signs and verifies; refuses to go on without one
     * @param acceptedKeys  further keys that only verify (comma-separated, may be null or blank)
     */
    public static MeshAuth of(String key, String acceptedKeys) {
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(KEY_PROPERTY + " (APAY_MESH_KEY) is not set: every service and the gateway need the "
                    + "same mesh key; generate one with `openssl rand -base64 32`");
        }
        byte[] signing = decode(key, KEY_PROPERTY);
        List<byte[]> accepted = new ArrayList<>();
        accepted.add(signing);
        if (acceptedKeys != null) {
            for (String k : acceptedKeys.split(",")) {
                if (!k.isBlank()) {
                    accepted.add(decode(k, ACCEPTED_KEYS_PROPERTY));
                }
            }
        }
        return new MeshAuth(signing, List.copyOf(accepted));
    }

    private static byte[] decode(String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException(property + " must be at least " + MIN_KEY_BYTES + " bytes (base64), got " + bytes.length);
        }
        return bytes;
    }

    /** Whether a header is one of the identity headers the credential covers. */
    public static boolean isSigned(String headerName) {
        String lower = headerName.toLowerCase(Locale.ROOT);
        return lower.startsWith(PREFIX_LOWER) && !lower.equals(HEADER_LOWER);
    }

    /**
     * The value of {@value #HEADER} for a request.
     *
     * @param headers every header of the request (only the X-Apay-* ones are used), values as sent
     */
    public String sign(long epochMillis, String method, String rawPath, Map<String, ? extends List<String>> headers) {
        return epochMillis + "." + HexFormat.of().formatHex(mac(signingKey, canonical(epochMillis, method, rawPath, headers)));
    }

    /** Checks the credential of a request against the headers it arrived with. */
    public Result verify(String credential, long nowMillis, String method, String rawPath,
                         Map<String, ? extends List<String>> headers) {
        if (credential == null || credential.isBlank()) {
            return Result.MISSING;
        }
        int dot = credential.indexOf('.');
        if (dot <= 0 || credential.length() - dot - 1 != 64) {
            return Result.INVALID;
        }
        long ts;
        byte[] given;
        try {
            ts = Long.parseLong(credential.substring(0, dot));
            given = HexFormat.of().parseHex(credential.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Result.INVALID;
        }
        if (Math.abs(nowMillis - ts) > MAX_SKEW.toMillis()) {
            return Result.INVALID;
        }
        byte[] canonical = canonical(ts, method, rawPath, headers);
        for (byte[] key : acceptedKeys) {
            if (MessageDigest.isEqual(mac(key, canonical), given)) {
                return Result.VALID;
            }
        }
        return Result.INVALID;
    }

    static byte[] canonical(long ts, String method, String rawPath, Map<String, ? extends List<String>> headers) {
        StringBuilder s = new StringBuilder(VERSION).append('\n').append(ts).append('\n')
                .append(method.toUpperCase(Locale.ROOT)).append('\n').append(rawPath).append('\n');
        identityHeaders(headers).forEach((name, value) -> s.append(name).append(':').append(value).append('\n'));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The covered headers, lowercased and sorted; several values of one header (or case variants) joined by ','. */
    private static Map<String, String> identityHeaders(Map<String, ? extends List<String>> headers) {
        Map<String, String> sorted = new TreeMap<>();
        headers.forEach((name, values) -> {
            if (isSigned(name) && values != null) {
                for (String v : values) {
                    sorted.merge(name.toLowerCase(Locale.ROOT), v == null ? "" : v.trim(), (a, b) -> a + "," + b);
                }
            }
        });
        return sorted;
    }

    private static byte[] mac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
