package io.apay.gateway.filter;

import io.apay.common.core.security.IdentityHeaders;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Removes every {@code X-Apay-*} header a client sent, before any filter sets a verified one, and records the
 * client's address in {@link IdentityHeaders#CLIENT_IP}. The address is the TCP peer, or, when the peer is one of
 * our trusted proxies (the ingress), the last address in X-Forwarded-For that is not a trusted proxy.
 */
public class IdentityHeaderWebFilter implements WebFilter, Ordered {

    public static final int ORDER = PathGuardWebFilter.ORDER + 10;

    private final Set<String> trustedProxies;

    public IdentityHeaderWebFilter(Set<String> trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String clientIp = clientIp(exchange.getRequest());
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            List<String> spoofed = new ArrayList<>();
            for (String name : headers.keySet()) {
                if (name.toLowerCase(Locale.ROOT).startsWith(IdentityHeaders.PREFIX.toLowerCase(Locale.ROOT))) {
                    spoofed.add(name);
                }
            }
            spoofed.forEach(headers::remove);
            if (clientIp != null) {
                headers.set(IdentityHeaders.CLIENT_IP, clientIp);
            }
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    String clientIp(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        if (peer == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** The client address a later filter (IP whitelist, rate limit) should use. */
    public static String clientIpOf(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getFirst(IdentityHeaders.CLIENT_IP);
    }
}
