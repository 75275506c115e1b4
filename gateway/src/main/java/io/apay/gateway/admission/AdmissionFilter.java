package io.apay.gateway.admission;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Admission control: at most as many requests of a route group in flight to the services as its {@link AimdLimiter}
 * allows. One over the limit is answered at once with 503 {@code 10503} and {@code Retry-After: 1}, before any
 * other route filter runs (signatures, tokens, body caching, nonces): under overload, refusing must be the cheapest
 * thing the gateway does, and the admitted requests finish fast instead of everything queueing until it times out.
 * Routed traffic only (a global filter): the console's pages are not routes. Groups not configured (the monitor's
 * WebSocket, health, API docs, files) are not limited.
 *
 * <p>The permit is returned exactly once, when the exchange ends: answered, failed (a downstream timeout also lowers
 * the limit) or cancelled by a client that hung up.
 */
public class AdmissionFilter implements GlobalFilter, Ordered {

    /** First of all global and route filters (Spring Cloud Gateway's own first one only registers a clean-up). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;
    public static final String SHED_METRIC = "apay.gateway.shed";
    static final String BUSY_MESSAGE = "busy: retry later";
    static final String RETRY_AFTER_SECONDS = "1";

    private final Map<String, AimdLimiter> limiters;
    private final Map<String, Counter> shed = new HashMap<>();

    public AdmissionFilter(Map<String, AimdLimiter> limiters, MeterRegistry registry) {
        this.limiters = Map.copyOf(limiters);
        this.limiters.forEach((group, limiter) -> {
            shed.put(group, Counter.builder(SHED_METRIC).tag("group", group)
                    .description("requests answered 10503 at once because the group was at its limit").register(registry));
            Gauge.builder("apay.gateway.admission.limit", limiter, AimdLimiter::limit).tag("group", group)
                    .strongReference(true).register(registry);
            Gauge.builder("apay.gateway.admission.in-flight", limiter, AimdLimiter::inFlight).tag("group", group)
                    .strongReference(true).register(registry);
        });
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String group = group(exchange.getRequest().getPath().value());
        AimdLimiter limiter = limiters.get(group);
        if (limiter == null) {
            return chain.filter(exchange);
        }
        AimdLimiter.Permit permit = limiter.tryAcquire();
        if (permit == null) {
            shed.get(group).increment();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return Mono.error(new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE, BUSY_MESSAGE));
        }
        // deferred: a filter further on that throws instead of failing its Mono must not skip doFinally (a lost permit)
        return Mono.defer(() -> chain.filter(exchange))
                .doOnError(e -> {
                    if (isTimeout(e)) {
                        permit.timedOut();
                    }
                })
                // after doOnError: a permit already returned as timed out ignores done()
                .doFinally(signal -> {
                    if (signal == SignalType.CANCEL) {
                        permit.abandoned();
                    } else {
                        permit.done();
                    }
                });
    }

    /** The limiter of a group, or null when the group is not limited. */
    public AimdLimiter limiter(String group) {
        return limiters.get(group);
    }

    /** A path's route group: its first segment ({@code /merchant-api/orders} -> {@code merchant-api}). */
    static String group(String path) {
        int end = path.indexOf('/', 1);
        return end < 0 ? path.substring(1) : path.substring(1, end);
    }

    /**
     * A downstream timeout: the routing filter's response timeout (a 504 caused by Spring Cloud Gateway's own
     * TimeoutException, which is not the JDK's) or the JDK's.
     */
    static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof org.springframework.cloud.gateway.support.TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
