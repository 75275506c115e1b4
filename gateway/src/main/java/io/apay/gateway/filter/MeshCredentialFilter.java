package io.apay.gateway.filter;

import io.apay.common.core.security.MeshAuth;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Signs what the gateway forwards: once the route's filters have set the verified identity headers and the
 * target is chosen, adds the mesh credential ({@link MeshAuth}) over the method, the path the service receives and
 * every {@code X-Apay-*} header. A client's own {@code X-Apay-*} headers (this one too) were removed on arrival, so
 * a service believes exactly what the gateway set. The same for the gateway's own calls to services
 * ({@link #signing}: app-client and merchant credentials from their {@code /rpc-api}).
 */
public class MeshCredentialFilter implements GlobalFilter, Ordered {

    /** After the route filters and the load balancer, before the routing filters that forward (HTTP or WebSocket). */
    public static final int ORDER = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;

    private final MeshAuth mesh;

    public MeshCredentialFilter(MeshAuth mesh) {
        this.mesh = mesh;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI target = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        ServerHttpRequest request = exchange.getRequest();
        String path = rawPath(target != null ? target : request.getURI());
        String credential = mesh.sign(System.currentTimeMillis(), request.getMethod().name(), path, request.getHeaders());
        ServerHttpRequest signed = request.mutate().headers(h -> h.set(MeshAuth.HEADER, credential)).build();
        return chain.filter(exchange.mutate().request(signed).build());
    }

    /** For a WebClient the gateway calls services with. */
    public static ExchangeFilterFunction signing(MeshAuth mesh) {
        return (request, next) -> {
            HttpHeaders headers = request.headers();
            String credential = mesh.sign(System.currentTimeMillis(), request.method().name(), rawPath(request.url()), headers);
            return next.exchange(ClientRequest.from(request).headers(h -> h.set(MeshAuth.HEADER, credential)).build());
        };
    }

    static String rawPath(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}
