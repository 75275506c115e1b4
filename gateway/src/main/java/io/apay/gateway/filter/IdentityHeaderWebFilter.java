package io.apay.gateway.filter;

import io.apay.common.core.net.IpRange;
import io.apay.common.core.security.IdentityHeaders;
import io.apay.common.core.trace.TraceIds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Removes every {@code X-Apay-*} header a client sent, before any filter sets a verified one, and records the
 * client's address in {@link IdentityHeaders#CLIENT_IP}. The address is the TCP peer, or, when the peer is one of
 * our trusted proxies (the ingress: IPs or CIDR blocks, {@code apay.gateway.trusted-proxies}), the right-most hop
 * of X-Forwarded-For that is not a trusted proxy. Hops left of it were written by the client and count for nothing.
 */
public class IdentityHeaderWebFilter implements WebFilter, Ordered {

    public static final int ORDER = PathGuardWebFilter.ORDER + 10;

    // an IP literal as proxies write them: v4, v4:port, v6, [v6], [v6]:port; never a name to look up
    private static final Pattern HOP = Pattern.compile(
            "\\[([0-9a-fA-F:.]{2,45})](?::\\d{1,5})?|([0-9.]{7,15})(?::\\d{1,5})?|([0-9a-fA-F:.]{2,45})");

    private final List<IpRange> trustedProxies;

    public IdentityHeaderWebFilter(Collection<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().filter(p -> !p.isBlank()).map(IpRange::parse).toList();
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
            keepOursOutOfConnection(headers);
            if (clientIp != null) {
                headers.set(IdentityHeaders.CLIENT_IP, clientIp);
            }
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    /**
     * The proxy drops every header the client's {@code Connection} header names (hop-by-hop), after the gateway has
     * signed what it forwards: naming ours there would strip them and void the mesh credential. Ours are never
     * hop-by-hop, so they are taken out of it.
     */
    static void keepOursOutOfConnection(HttpHeaders headers) {
        List<String> connection = headers.get(HttpHeaders.CONNECTION);
        if (connection == null) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : connection) {
            for (String token : line.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.startsWith(IdentityHeaders.PREFIX.toLowerCase(Locale.ROOT))
                        && !name.equals(TraceIds.HEADER.toLowerCase(Locale.ROOT))) {
                    kept.add(token.trim());
                }
            }
        }
        if (kept.isEmpty()) {
            headers.remove(HttpHeaders.CONNECTION);
        } else {
            headers.set(HttpHeaders.CONNECTION, String.join(", ", kept));
        }
    }

    String clientIp(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String client = remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
        if (client == null || !trusted(client)) {
            return client;
        }
        List<String> hops = new ArrayList<>();
        for (String line : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
            for (String hop : line.split(",")) {
                hops.add(hop.trim());
            }
        }
        // from the right: each trusted proxy tells us who its peer was, until a hop that is not one of ours
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = normalise(hops.get(i));
            if (hop == null) {
                return client; // not written by a proxy of ours: the last address we can vouch for
            }
            client = hop;
            if (!trusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean trusted(String ip) {
        return trustedProxies.stream().anyMatch(r -> r.contains(ip));
    }

    /** The canonical text of an IP literal in a forwarded-for hop, or null when the hop is not one. */
    static String normalise(String hop) {
        Matcher m = HOP.matcher(hop);
        if (!m.matches()) {
            return null;
        }
        String ip = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        if (!ip.contains(".") && !ip.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The client address a later filter (IP whitelist, rate limit) should use. */
    public static String clientIpOf(ServerWebExchange exchange) {
        return exchange.getRequest().getHeaders().getFirst(IdentityHeaders.CLIENT_IP);
    }
}
