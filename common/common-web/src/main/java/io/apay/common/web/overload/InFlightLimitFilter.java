package io.apay.common.web.overload;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.web.error.ErrorResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The service's bulkhead: at most {@code apay.web.max-in-flight} requests at work at once. One more is answered at
 * once with 503 {@code 10503} and {@code Retry-After: 1}, before it takes a database connection or calls another
 * service, so a burst that the gateway let through (or a caller inside the mesh) cannot make every request wait
 * and time out. The limit must stay below the container's threads ({@code server.tomcat.threads.max}): the threads
 * left over are the ones that say "busy". Health and metrics ({@code /actuator/**}) are never refused, so probes
 * tell the truth under load.
 *
 * <p>A caller's circuit breaker counts this {@code 10503} as the remote answering (docs/development.md): shedding
 * is not an outage.
 */
public class InFlightLimitFilter extends OncePerRequestFilter {

    static final String BUSY_MESSAGE = "busy: retry later";

    private final int maxInFlight;
    private final Semaphore permits;
    private final Counter shed;

    public InFlightLimitFilter(int maxInFlight, MeterRegistry registry) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be at least 1: " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight);
        this.shed = Counter.builder("apay.web.shed")
                .description("requests answered 10503 at once because the service had max-in-flight at work").register(registry);
        Gauge.builder("apay.web.in-flight", this, InFlightLimitFilter::inFlight).strongReference(true).register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the container's decoded, normalised path, as the dispatcher routes it
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/actuator") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            shed.increment();
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            ErrorResponses.write(response, CommonErrorCodes.SERVICE_UNAVAILABLE, BUSY_MESSAGE);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /** Requests at work now. */
    public int inFlight() {
        return maxInFlight - permits.availablePermits();
    }
}
