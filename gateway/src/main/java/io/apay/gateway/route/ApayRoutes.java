package io.apay.gateway.route;

import io.apay.gateway.security.AdminTokenFilter;
import io.apay.gateway.security.AppSignatureFilter;
import io.apay.gateway.security.IdempotencyFilter;
import io.apay.gateway.security.LoginTokenFilter;
import io.apay.gateway.security.MerchantSignatureFilter;
import io.apay.gateway.security.MonitorHandshakeFilter;
import io.apay.gateway.security.RateLimitFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Every route of the gateway, in one place. Internal Feign endpoints ({@code /rpc-api/**}) and services'
 * other actuator endpoints have no route, so they are never reachable from outside.
 */
@Configuration
public class ApayRoutes {

    @Bean
    public RouteLocator apayRouteLocator(RouteLocatorBuilder builder, GatewayRoutesProperties props,
                                         AppSignatureFilter signature, LoginTokenFilter token, RateLimitFilter rateLimit,
                                         IdempotencyFilter idempotency, AdminTokenFilter adminToken,
                                         MerchantSignatureFilter merchantSignature, MonitorHandshakeFilter monitorHandshake) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (GatewayRoutesProperties.Service s : props.services()) {
            // app routes: signature, then login token (except public paths), rate limits, idempotency
            routes.route("app-" + s.path(), r -> r.path("/app-api/" + s.path() + "/**")
                    .filters(f -> f.filters(signature, token, rateLimit, idempotency))
                    .uri("lb://" + s.id()));
            // admin routes: operator session (and address allowlist), rate limits, idempotency of every write
            routes.route("admin-" + s.path(), r -> r.path("/admin-api/" + s.path() + "/**")
                    .filters(f -> f.filters(adminToken, rateLimit, idempotency))
                    .uri("lb://" + s.id()));
            // file links carry their own expiring signature (LocalObjectStorage)
            routes.route("files-" + s.path(), r -> r.path("/files/" + s.path() + "/**").and().method(HttpMethod.GET)
                    .uri("lb://" + s.id()));
            routes.route("health-" + s.path(), r -> r.path("/health/" + s.path()).and().method(HttpMethod.GET)
                    .filters(f -> f.setPath("/actuator/health"))
                    .uri("lb://" + s.id()));
            routes.route("api-docs-" + s.id(), r -> r.path("/api-docs/" + s.id()).and().method(HttpMethod.GET)
                    .filters(f -> f.setPath("/v3/api-docs"))
                    .uri("lb://" + s.id()));
        }
        // merchants: IP whitelist and RSA signature; their order numbers make their writes idempotent
        routes.route("merchant", r -> r.path("/merchant-api/**").filters(f -> f.filter(merchantSignature))
                .uri("lb://" + props.merchantService()));
        // the monitor authenticates its WebSocket upgrade with the acceptor's login token (the one route where it
        // may come in the URL); push-svc checks the handshake before the upgrade, so a refusal is an HTTP answer
        LoginTokenFilter upgradeToken = token.acceptingUrlToken();
        routes.route("monitor-ws", r -> r.path("/ws/monitor").filters(f -> f.filters(upgradeToken, monitorHandshake))
                .uri("lb:ws://" + props.pushService()));
        routes.route("cashier", r -> r.path("/cashier/**").uri("lb://" + props.cashierService()));
        return routes.build();
    }
}
