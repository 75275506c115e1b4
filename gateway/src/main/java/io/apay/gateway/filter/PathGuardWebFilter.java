package io.apay.gateway.filter;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses paths that a service's servlet container would normalise into somewhere else: dot segments, encoded
 * dots, slashes or backslashes, and path parameters. Without this, {@code /app-api/user/../../rpc-api/...}
 * matches an app route here and reaches an internal endpoint there. Internal paths answer 404 as if absent.
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
                || lower.contains("\\") || lower.contains(";") || lower.contains("//");
    }
}
