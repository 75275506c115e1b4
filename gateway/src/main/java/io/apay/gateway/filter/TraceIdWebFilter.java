package io.apay.gateway.filter;

import io.apay.common.core.trace.TraceIds;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Starts the trace: every request gets a fresh trace id, sent to the service in {@value TraceIds#HEADER} and
 * back to the client in the same response header. A client's own value is never trusted for the id.
 */
public class TraceIdWebFilter implements WebFilter, Ordered {

    public static final String ATTRIBUTE = TraceIdWebFilter.class.getName() + ".traceId";
    public static final int ORDER = -300;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String traceId = TraceIds.newId();
        exchange.getAttributes().put(ATTRIBUTE, traceId);
        exchange.getResponse().getHeaders().set(TraceIds.HEADER, traceId);
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(h -> h.set(TraceIds.HEADER, traceId))
                .build();
        return chain.filter(exchange.mutate().request(request).build())
                .contextWrite(ctx -> ctx.put(TraceIds.MDC_KEY, traceId));
    }

    public static String traceId(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
