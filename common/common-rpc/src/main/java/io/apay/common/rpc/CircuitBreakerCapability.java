package io.apay.common.rpc;

import feign.Capability;
import feign.Client;
import feign.Request;
import feign.Response;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A Resilience4j circuit breaker per remote service around every Feign call. Only transport failures and 5xx
 * answers count as failures; a 4xx is the remote service answering (a business error) and counts as a success.
 * While the breaker is open, calls fail at once with {@link CommonErrorCodes#SERVICE_UNAVAILABLE}. Business
 * errors reach the caller as the same {@link ServiceException} the remote threw (see {@link RemoteErrorDecoder}).
 */
public class CircuitBreakerCapability implements Capability {

    private final CircuitBreakerRegistry registry;

    public CircuitBreakerCapability(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Client enrich(Client client) {
        return (request, options) -> execute(client, request, options);
    }

    private Response execute(Client client, Request request, Request.Options options) throws IOException {
        CircuitBreaker breaker = registry.circuitBreaker(serviceName(request));
        if (!breaker.tryAcquirePermission()) {
            throw new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE);
        }
        long start = System.nanoTime();
        try {
            Response response = client.execute(request, options);
            long elapsed = System.nanoTime() - start;
            if (response.status() >= 500) {
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, new RemoteServerError(response.status()));
            } else {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            }
            return response;
        } catch (IOException | RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }

    private static String serviceName(Request request) {
        if (request.requestTemplate() != null && request.requestTemplate().feignTarget() != null) {
            return request.requestTemplate().feignTarget().name();
        }
        return "default";
    }

    /** What the breaker records for a 5xx answer. */
    static final class RemoteServerError extends RuntimeException {
        RemoteServerError(int status) {
            super("remote answered " + status, null, false, false);
        }
    }
}
