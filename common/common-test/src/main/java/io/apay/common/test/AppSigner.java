package io.apay.common.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs app requests the way docs/app-signature.md tells an app developer to - written from the document, apart
 * from the gateway's own code, so tests check the gateway against the spec and not against itself.
 */
public final class AppSigner {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String appKey;
    private final String secret;

    public AppSigner(String appKey, String secret) {
        this.appKey = appKey;
        this.secret = secret;
    }

    /** A signed request: its path with the query (including {@code sign}) and its body bytes. */
    public record Signed(String pathAndQuery, byte[] body, String canonical) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A request to send as {@code method}; {@code path} exactly as it will be sent (already percent-encoded). */
    public Signed sign(String method, String path, Map<String, String> query, String jsonBody) {
        return sign(method, path, query, jsonBody, System.currentTimeMillis(), UUID.randomUUID().toString().replace("-", ""));
    }

    /** A GET without a body, a POST with one. */
    public Signed sign(String path, Map<String, String> query, String jsonBody) {
        return sign(jsonBody == null ? "GET" : "POST", path, query, jsonBody);
    }

    /** A GET without a body, a POST with one. */
    public Signed sign(String path, Map<String, String> query, String jsonBody, long timestamp, String nonce) {
        return sign(jsonBody == null ? "GET" : "POST", path, query, jsonBody, timestamp, nonce);
    }

    public Signed sign(String method, String path, Map<String, String> query, String jsonBody, long timestamp, String nonce) {
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("appKey", appKey);
        q.put("timestamp", Long.toString(timestamp));
        q.put("nonce", nonce);
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) {
            q.put("contentSha256", hex(sha256(body)));
        }
        String canonical = canonical(method, path, q, body);
        q.put("sign", hex(hmac(secret, canonical)));
        StringBuilder url = new StringBuilder(path).append('?');
        q.forEach((k, v) -> url.append(enc(k)).append('=').append(enc(v)).append('&'));
        url.setLength(url.length() - 1);
        return new Signed(url.toString(), body, canonical);
    }

    /**
     * METHOD, path and the parameters (query, and a JSON body's top-level fields), each key and value
     * percent-encoded per RFC 3986, sorted by encoded key, {@code k=v} joined with {@code &}; three lines.
     */
    public static String canonical(String method, String path, Map<String, String> query, byte[] jsonBody) {
        Map<String, String> all = new TreeMap<>(AppSigner::byteOrder);
        query.forEach((k, v) -> all.put(rfc3986(k), rfc3986(v)));
        if (jsonBody.length > 0) {
            try {
                JsonNode root = MAPPER.readTree(jsonBody);
                root.fields().forEachRemaining(e -> all.put(rfc3986(e.getKey()), rfc3986(text(e.getValue()))));
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
        all.remove("sign");
        List<String> pairs = new ArrayList<>();
        all.forEach((k, v) -> pairs.add(k + "=" + v));
        return method + "\n" + path + "\n" + String.join("&", pairs);
    }

    /** RFC 3986: A-Z a-z 0-9 - . _ ~ as they are, every other UTF-8 byte as %XX (uppercase hex). */
    public static String rfc3986(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append(String.format("%%%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String text(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isContainerNode()) {
            return sorted(v).toString(); // an object or array: compact JSON, object keys sorted at every level
        }
        return v.toString(); // numbers, booleans, null as their JSON text
    }

    private static JsonNode sorted(JsonNode v) {
        if (v.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            v.fieldNames().forEachRemaining(names::add);
            names.sort(AppSigner::byteOrder);
            names.forEach(n -> out.set(n, sorted(v.get(n))));
            return out;
        }
        if (v.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            v.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return v;
    }

    private static int byteOrder(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
