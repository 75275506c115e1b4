package io.apay.gateway.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apay.common.core.error.ServiceException;
import io.apay.gateway.GatewayErrorCodes;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The string an app or a merchant signs (docs/app-signature.md, docs/merchant-api.md), three lines joined by
 * {@code \n}: the HTTP method, the path as sent (raw, still percent-encoded), and the parameters - every query
 * parameter and every top-level field of a JSON or form body, except {@code sign} - each key and value
 * percent-encoded per RFC 3986 (UTF-8; {@code A-Z a-z 0-9 - . _ ~} kept, every other byte {@code %XX} in
 * uppercase), sorted by encoded key in byte order, written {@code key=value} and joined with {@code &}. Encoding
 * makes the string unambiguous: no value can be read as a separator, so no parameter set can be re-split into
 * another, and the method and path bind a signature to one endpoint. A JSON string is written as its text, a
 * number or boolean as its JSON text, {@code null} as {@code null}, an object or array as compact JSON with sorted
 * keys. A key that appears twice is refused, and so is a JSON or form body declared in another charset than
 * UTF-8: the server and the client must never disagree on which value was signed.
 */
public final class CanonicalRequest {

    /** Exact decimals, so a nested {@code 1.50} is written back as {@code 1.50}, not {@code 1.5}. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final JsonFactory JSON = MAPPER.getFactory();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CanonicalRequest() {
    }

    /** The parameters, decoded: from the raw query string, plus the body's fields for JSON and form bodies. */
    public static Map<String, String> parameters(String rawQuery, String contentType, byte[] body) {
        Map<String, String> params = new TreeMap<>(CanonicalRequest::compareBytes);
        for (String[] pair : formPairs(rawQuery)) {
            put(params, pair[0], pair[1]);
        }
        String type = contentType == null ? "" : contentType.toLowerCase();
        boolean json = type.startsWith("application/json");
        boolean form = type.startsWith("application/x-www-form-urlencoded");
        if (body.length > 0 && (json || form)) {
            requireUtf8(type);
        }
        if (body.length > 0 && json) {
            jsonFields(body).forEach((k, v) -> put(params, k, v));
        } else if (body.length > 0 && form) {
            for (String[] pair : formPairs(new String(body, StandardCharsets.UTF_8))) {
                put(params, pair[0], pair[1]);
            }
        }
        return params;
    }

    /** The canonical string of a request: method, raw path and {@link #canonicalString(Map) the parameters}. */
    public static String canonicalString(String method, String rawPath, Map<String, String> params) {
        return method + "\n" + rawPath + "\n" + canonicalString(params);
    }

    /**
     * The parameter line: {@code key=value&key=value...} of every parameter except {@code sign}, each encoded
     * with {@link #encode}, in byte order of the encoded keys.
     */
    public static String canonicalString(Map<String, String> params) {
        TreeMap<String, String> encoded = new TreeMap<>();
        params.forEach((k, v) -> {
            if (!k.equals("sign")) {
                encoded.put(encode(k), encode(v));
            }
        });
        StringBuilder sb = new StringBuilder();
        encoded.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    /**
     * The retired form ({@code key=value} of the decoded parameters joined with {@code ,}, no method or path),
     * only to tell a client still signing it why it is refused.
     */
    public static String retiredCanonicalString(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().equals("sign")) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes: unreserved characters kept, every other byte {@code %XX}. */
    public static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    /**
     * The fields are read from the body as UTF-8; a service would honour a declared {@code charset} and could read
     * other fields than were signed. So a signed JSON or form body declares UTF-8 or no charset at all.
     */
    private static void requireUtf8(String lowerCaseType) {
        String[] parts = lowerCaseType.split(";");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq >= 0 && parts[i].substring(0, eq).trim().equals("charset")) {
                String charset = parts[i].substring(eq + 1).trim();
                if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                    charset = charset.substring(1, charset.length() - 1);
                }
                if (!charset.equals("utf-8")) {
                    throw new ServiceException(GatewayErrorCodes.SIGNED_BODY_CHARSET);
                }
            }
        }
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (params.putIfAbsent(key, value) != null) {
            throw new ServiceException(GatewayErrorCodes.PARAMETER_DUPLICATED, "parameter '" + safe(key) + "' appears more than once");
        }
    }

    private static List<String[]> formPairs(String raw) {
        List<String[]> pairs = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return pairs;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq);
            String v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                pairs.add(new String[] {URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8)});
            } catch (IllegalArgumentException e) {
                throw new ServiceException(GatewayErrorCodes.SIGNED_BODY_MALFORMED, "malformed percent-encoding");
            }
        }
        return pairs;
    }

    /** The top-level fields of a JSON object; numbers keep the exact text the client sent. */
    private static Map<String, String> jsonFields(byte[] body) {
        Map<String, String> fields = new TreeMap<>(CanonicalRequest::compareBytes);
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ServiceException(GatewayErrorCodes.SIGNED_BODY_MALFORMED);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                String value = switch (t) {
                    case START_OBJECT, START_ARRAY -> compactSorted(MAPPER.readTree(p));
                    case VALUE_NULL -> "null";
                    default -> p.getText();
                };
                if (fields.putIfAbsent(name, value) != null) {
                    throw new ServiceException(GatewayErrorCodes.PARAMETER_DUPLICATED, "field '" + safe(name) + "' appears more than once");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new ServiceException(GatewayErrorCodes.SIGNED_BODY_MALFORMED);
            }
        } catch (IOException e) {
            throw new ServiceException(GatewayErrorCodes.SIGNED_BODY_MALFORMED);
        }
        return fields;
    }

    static String compactSorted(JsonNode node) {
        return MAPPER.valueToTree(sorted(node)).toString();
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            names.sort(CanonicalRequest::compareBytes);
            for (String name : names) {
                out.set(name, sorted(object.get(name)));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = MAPPER.createArrayNode();
            Iterator<JsonNode> it = array.elements();
            while (it.hasNext()) {
                out.add(sorted(it.next()));
            }
            return out;
        }
        return node;
    }

    /** Ascending order of the keys' UTF-8 bytes (what {@code sort} does in C, Go or {@code LC_ALL=C}). */
    static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static String safe(String key) {
        return key.length() > 40 ? key.substring(0, 40) + "..." : key.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
