package io.apay.gateway.filter;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses paths that a service's servlet container would normalise into somewhere else: dot segments, encoded
 * dots, slashes or backslashes, and path parameters. Without this, {@code /app-api/user/../../rpc-api/...}
 * matches an app route here and reaches an internal endpoint there. Also refuses what a service would refuse or
 * misread: control characters (raw or percent-encoded, {@code %00} included), malformed escapes, and bytes that
 * are not well-formed UTF-8 (overlong forms such as {@code %c0%af}, truncated sequences). Internal paths answer 404
 * as if absent.
 */
public class PathGuardWebFilter implements WebFilter, Ordered {

    public static final int ORDER = TraceIdWebFilter.ORDER + 10;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (raw == null || isAmbiguous(raw)) {
            return Mono.error(new ServiceException(CommonErrorCodes.MALFORMED_REQUEST, "malformed request path"));
        }
        if (raw.startsWith("/rpc-api/") || raw.equals("/rpc-api")) {
            return Mono.error(new ServiceException(CommonErrorCodes.NOT_FOUND));
        }
        return chain.filter(exchange);
    }

    static boolean isAmbiguous(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        return lower.contains("/../") || lower.endsWith("/..") || lower.contains("/./") || lower.endsWith("/.")
                || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || lower.contains("%25")
                || lower.contains("\\") || lower.contains(";") || lower.contains("//")
                || !decodesToPlainUtf8(rawPath);
    }

    /** Whether the percent-decoded path is well-formed UTF-8 without control characters, every escape well-formed. */
    static boolean decodesToPlainUtf8(String rawPath) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            int b;
            if (c == '%') {
                if (i + 2 >= rawPath.length()) {
                    return false;
                }
                int hi = Character.digit(rawPath.charAt(i + 1), 16);
                int lo = Character.digit(rawPath.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                b = hi * 16 + lo;
                i += 2;
            } else if (c > 0x7e) {
                return false; // a raw non-ASCII character: a client must percent-encode it
            } else {
                b = c;
            }
            if (b < 0x20 || b == 0x7f) {
                return false;
            }
            bytes.write(b);
        }
        try {
            // the JDK's strict decoder refuses overlong forms, surrogates and truncated sequences
            String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
            return decoded.codePoints().noneMatch(cp -> Character.getType(cp) == Character.CONTROL); // C1 controls too
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
