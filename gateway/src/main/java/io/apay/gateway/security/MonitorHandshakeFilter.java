package io.apay.gateway.security;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.security.IdentityHeaders;
import io.apay.common.core.trace.TraceIds;
import io.apay.gateway.GatewayErrorCodes;
import io.apay.gateway.filter.TraceIdWebFilter;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The monitor's WebSocket upgrade ({@code /ws/monitor}, docs/monitor-protocol.md). The gateway's WebSocket routing
 * answers the client 101 before it connects to push-svc, so a handshake push-svc refuses would reach the app as a
 * socket closed with 1002 instead of the documented HTTP 400/401 (a revoked device would never learn it). So before
 * the upgrade push-svc checks the handshake over plain HTTP ({@code POST /rpc-api/push/monitor/handshake-check},
 * which also spends its {@code (deviceId, ts)}); a refusal is answered as push-svc gave it, and an accepted
 * handshake is forwarded with push-svc's one-time ticket, which push-svc redeems in place of the spent handshake.
 */
public class MonitorHandshakeFilter implements GatewayFilter, Ordered {

    /** After the login token (it names the acceptor), before the routing. */
    public static final int ORDER = LoginTokenFilter.ORDER + 5;
    /** push-api's {@code PushApi.checkHandshake} and {@code MonitorTicket.HEADER} (the gateway does not link push-api). */
    static final String CHECK_PATH = "/rpc-api/push/monitor/handshake-check";
    public static final String TICKET_HEADER = "X-Apay-Monitor-Ticket";
    /** The whole check, connection included; past it the app gets 10504 and reconnects later. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(MonitorHandshakeFilter.class);

    record Handshake(long acceptorId, String deviceId, String ts, String sig) {
    }

    record Ticket(String ticket) {
    }

    private final WebClient pushSvc;

    public MonitorHandshakeFilter(WebClient.Builder loadBalanced, String serviceId) {
        this.pushSvc = loadBalanced.baseUrl("http://" + serviceId).build();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String user = request.getHeaders().getFirst(IdentityHeaders.USER_ID);
        if (user == null) { // the login token filter runs first and sets it
            return Mono.error(new ServiceException(GatewayErrorCodes.TOKEN_MISSING));
        }
        MultiValueMap<String, String> q = request.getQueryParams();
        Handshake handshake = new Handshake(Long.parseLong(user), q.getFirst("deviceId"), q.getFirst("ts"), q.getFirst("sig"));
        return check(handshake, TraceIdWebFilter.traceId(exchange)).flatMap(ticket -> {
            ServerHttpRequest upgrade = request.mutate().headers(h -> h.set(TICKET_HEADER, ticket)).build();
            return chain.filter(exchange.mutate().request(upgrade).build());
        });
    }

    /** push-svc's ticket, or its refusal (code and HTTP status as it answered them) as a {@link ServiceException}. */
    private Mono<String> check(Handshake handshake, String traceId) {
        return pushSvc.post().uri(CHECK_PATH).contentType(MediaType.APPLICATION_JSON).header(TraceIds.HEADER, traceId)
                .bodyValue(handshake)
                .exchangeToMono(r -> r.bodyToMono(new ParameterizedTypeReference<ApiResult<Ticket>>() {
                        })
                        .onErrorResume(e -> Mono.empty()) // not the envelope: handled below as unavailable
                        .flatMap(result -> {
                            int status = r.statusCode().value();
                            if (status == 200 && result.isSuccess() && result.data() != null && result.data().ticket() != null) {
                                return Mono.just(result.data().ticket());
                            }
                            if (status >= 400 && status < 500 && result.code() > 0) {
                                return Mono.error(new ServiceException(new ErrorCode(result.code(), status,
                                        result.message() == null ? "monitor handshake refused" : result.message())));
                            }
                            return Mono.empty();
                        }))
                .switchIfEmpty(Mono.error(() -> unavailable("push-svc answered the handshake check without a ticket or a refusal")))
                .timeout(CHECK_TIMEOUT) // a hung push-svc must not hold the app's upgrade (and a connection) open
                .onErrorMap(TimeoutException.class, e -> {
                    log.warn("monitor handshake check timed out after {}", CHECK_TIMEOUT);
                    return new ServiceException(CommonErrorCodes.UPSTREAM_TIMEOUT);
                })
                .onErrorMap(e -> !(e instanceof ServiceException), e -> unavailable(e.toString()));
    }

    private static ServiceException unavailable(String why) {
        log.warn("monitor handshake check failed: {}", why);
        return new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE);
    }
}
