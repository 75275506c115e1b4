package io.apay.common.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Capability;
import feign.Client;
import feign.Request;
import feign.Response;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * A Resilience4j circuit breaker per remote service around every Feign call. The breaker is shared by every caller
 * of the service (every merchant, every user), so only what says the service itself is unwell counts as a failure:
 * no answer (connection refused or lost, a timeout), a 5xx without our error envelope (a proxy's page, a crash), and
 * the envelope of {@link CommonErrorCodes#INTERNAL_ERROR} (10500: a bug, or any 5xx the remote's container answers
 * itself, which common-web's error rendering never gives 10503). Any other envelope is the service
 * answering, whatever its HTTP status: a 4xx refusal, and a business answer sent with a 5xx status such as otc-svc's
 * 16002 "no acceptor available" (503), count as successes - else one client provoking them could open the breaker
 * for all. Slow calls still count through the breaker's slow-call threshold.
 *
 * <p>A live service's 10503/10504 envelopes do not count either: the service answered, and what it could not reach
 * (its database, or a service behind it) is guarded by that service's own breakers and timeouts. Counting them here
 * would carry one dependency's outage, or one request that needs it, to every endpoint of the service, including
 * those that never touch it (a merchant's order query because a coin's fee check cannot reach the ledger).
 *
 * <p>While the breaker is open, calls fail at once with {@link CommonErrorCodes#SERVICE_UNAVAILABLE}. Business
 * errors reach the caller as the same {@link ServiceException} the remote threw (see {@link RemoteErrorDecoder}).
 */
public class CircuitBreakerCapability implements Capability {

    /** Error envelopes are small; a larger 5xx body is not one of ours (and is cut to this for the decoder). */
    private static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
            if (response.status() < 500) {
                breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                return response;
            }
            // read the error body once (it is small) to tell a business answer from a failure; hand on a copy
            byte[] body = readBody(response);
            long elapsed = System.nanoTime() - start;
            if (isServiceAnswer(body)) {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            } else {
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, new RemoteServerError(response.status()));
            }
            return response.toBuilder().body(body).build();
        } catch (IOException | RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }

    /**
     * Is this 5xx body our envelope with a code other than 10500 ({@code {"code":16002,...}})? A body that is not
     * JSON, has no positive code, or is cut off, is not.
     */
    static boolean isServiceAnswer(byte[] body) {
        if (body.length == 0 || body.length >= MAX_BODY) {
            return false;
        }
        try {
            JsonNode json = MAPPER.readTree(body);
            if (json == null || !json.isObject() || !json.path("code").isInt()) {
                return false;
            }
            int code = json.get("code").asInt();
            return code > 0 && code != CommonErrorCodes.INTERNAL_ERROR.code();
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] readBody(Response response) throws IOException {
        if (response.body() == null) {
            return new byte[0];
        }
        try (InputStream in = response.body().asInputStream()) {
            return in.readNBytes(MAX_BODY);
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
