package io.apay.gateway.security;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A login token in a URL ({@code ?token=}, for a WebSocket upgrade from a client that cannot set headers) must not
 * reach a service (the access log masks every query value anyway). The parameter is recognised by its decoded
 * name, as the token filter reads it, so {@code %74oken=} is the same parameter.
 */
public final class UrlTokens {

    static final String PARAM = "token";
    private static final Pattern PAIR = Pattern.compile("([^&=]*)(=[^&]*)?");

    private UrlTokens() {
    }

    /** The URI without any {@code token} parameter. */
    public static URI strip(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return uri;
        }
        String kept = rewrite(query);
        if (kept.equals(query)) {
            return uri;
        }
        String whole = uri.toString();
        return URI.create(whole.substring(0, whole.indexOf('?')) + (kept.isEmpty() ? "" : "?" + kept));
    }

    private static String rewrite(String query) {
        StringBuilder out = new StringBuilder();
        for (String pair : query.split("&", -1)) {
            Matcher m = PAIR.matcher(pair);
            boolean token = m.matches() && PARAM.equals(decode(m.group(1)));
            if (token) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(pair);
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
