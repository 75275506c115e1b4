package io.apay.gateway.security;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A login token in a URL ({@code ?token=}, for a WebSocket upgrade from a client that cannot set headers) must not
 * reach a service or a log. The parameter is recognised by its decoded name, as the token filter reads it, so
 * {@code %74oken=} is the same parameter.
 */
public final class UrlTokens {

    static final String PARAM = "token";
    static final String MASK = "****";
    private static final Pattern PAIR = Pattern.compile("([^&=]*)(=[^&]*)?");

    private UrlTokens() {
    }

    /** The URI without any {@code token} parameter. */
    public static URI strip(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return uri;
        }
        String kept = rewrite(query, false);
        if (kept.equals(query)) {
            return uri;
        }
        String whole = uri.toString();
        return URI.create(whole.substring(0, whole.indexOf('?')) + (kept.isEmpty() ? "" : "?" + kept));
    }

    /** A request target (path and query, as an access log shows it) with each {@code token} value masked. */
    public static String mask(String target) {
        int q = target == null ? -1 : target.indexOf('?');
        if (q < 0) {
            return target;
        }
        return target.substring(0, q + 1) + rewrite(target.substring(q + 1), true);
    }

    private static String rewrite(String query, boolean mask) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            Matcher m = PAIR.matcher(pair);
            boolean token = m.matches() && PARAM.equals(decode(m.group(1)));
            if (token && !mask) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(token ? m.group(1) + "=" + MASK : pair);
        }
        return out.toString();
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
