package io.apay.gateway.admission;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.gateway.security.BodyLimits;
import io.apay.gateway.security.CachedBody;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
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
 * <p>The permit is taken once the request's body has arrived (it is read and kept, as the signature filters would),
 * so a client that sends its body slowly holds a socket, never a permit. It is returned exactly once, when the
 * exchange ends, and says how the services fared: an answer judged by its latency; a timeout, an unreachable
 * service or its own 503 (a bulkhead) lowers the limit; the gateway's own refusal (signature, token, size) says
 * nothing about the services; a client that hung up after the target latency counts as slow, before it as nothing.
 */
public class AdmissionFilter implements GlobalFilter, Ordered {

    /** First of all global and route filters (Spring Cloud Gateway's own first one only registers a clean-up). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;
    public static final String SHED_METRIC = "apay.gateway.shed";
    static final String BUSY_MESSAGE = "busy: retry later";
    static final String RETRY_AFTER_SECONDS = "1";

    private final Map<String, AimdLimiter> limiters;
    private final BodyLimits bodyLimits;
    private final Map<String, Counter> shed = new HashMap<>();

    public AdmissionFilter(Map<String, AimdLimiter> limiters, BodyLimits bodyLimits, MeterRegistry registry) {
        this.limiters = Map.copyOf(limiters);
        this.bodyLimits = bodyLimits;
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
        String group = group(exchange.getRequest().getPath());
        AimdLimiter limiter = limiters.get(group);
        if (limiter == null) {
            return chain.filter(exchange);
        }
        return CachedBody.cache(exchange, bodyLimits.of(exchange)).flatMap(cached -> admit(cached, chain, group, limiter));
    }

    private Mono<Void> admit(ServerWebExchange exchange, GatewayFilterChain chain, String group, AimdLimiter limiter) {
        AimdLimiter.Permit permit = limiter.tryAcquire();
        if (permit == null) {
            shed.get(group).increment();
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            return Mono.error(new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE, BUSY_MESSAGE));
        }
        // deferred: a filter further on that throws instead of failing its Mono must not skip doFinally (a lost permit)
        return Mono.defer(() -> chain.filter(exchange))
                .doOnError(e -> {
                    if (isTimeout(e) || isUnreachable(e)) {
                        permit.timedOut(); // the service did not answer in time, or could not be reached
                    } else {
                        permit.abandoned(); // the gateway's own refusal (signature, token, size): nothing learnt
                    }
                })
                // after doOnError: a permit already returned ignores the calls below
                .doFinally(signal -> {
                    if (signal == SignalType.CANCEL) {
                        permit.cancelled();
                    } else if (exchange.getResponse().getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE) {
                        permit.timedOut(); // the service said it is busy (its bulkhead), however fast
                    } else {
                        permit.done();
                    }
                });
    }

    /** The limiter of a group, or null when the group is not limited. */
    public AimdLimiter limiter(String group) {
        return limiters.get(group);
    }

    /**
     * A path's route group: its first segment, decoded as the routes match it ({@code /merchant-api/orders} and
     * {@code /%6Derchant-api/orders} -> {@code merchant-api}), so an encoded path cannot pass unlimited.
     */
    static String group(RequestPath path) {
        for (PathContainer.Element e : path.pathWithinApplication().elements()) {
            if (e instanceof PathContainer.PathSegment segment) {
                return segment.valueToMatch();
            }
        }
        return "";
    }

    /** A connection to the service refused, reset or closed before its answer (all I/O errors). */
    static boolean isUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
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
