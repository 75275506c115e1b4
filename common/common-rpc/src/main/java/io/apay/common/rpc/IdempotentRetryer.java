package io.apay.common.rpc;

import feign.Request;
import feign.RetryableException;
import feign.Retryer;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import java.net.SocketTimeoutException;

/**
 * Retries a failed call only when repeating it cannot have a second effect: GET, HEAD and OPTIONS. A POST that
 * moves money is never retried here; its caller retries it deliberately with the same idempotency key.
 *
 * <p>When it gives up, the caller gets a {@link ServiceException}: the remote's own business error if it answered
 * one, else {@code SERVICE_UNAVAILABLE} (could not reach it) or {@code UPSTREAM_TIMEOUT} (no answer in time, so
 * the outcome of a write is unknown and must be retried with its idempotency key).
 */
public class IdempotentRetryer implements Retryer {

    private final int maxAttempts;
    private final long backoffMillis;
    private int attempt = 1;

    public IdempotentRetryer(int maxAttempts, long backoffMillis) {
        this.maxAttempts = maxAttempts;
        this.backoffMillis = backoffMillis;
    }

    static boolean isIdempotent(Request.HttpMethod method) {
        return method == Request.HttpMethod.GET || method == Request.HttpMethod.HEAD || method == Request.HttpMethod.OPTIONS;
    }

    @Override
    public void continueOrPropagate(RetryableException e) {
        if (!isIdempotent(e.method()) || attempt++ >= maxAttempts) {
            throw giveUp(e);
        }
        try {
            Thread.sleep(backoffMillis * (attempt - 1));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw giveUp(e);
        }
    }

    static ServiceException giveUp(RetryableException e) {
        if (e.getCause() instanceof ServiceException remote) {
            return remote;
        }
        if (e.getCause() instanceof SocketTimeoutException) {
            return new ServiceException(CommonErrorCodes.UPSTREAM_TIMEOUT);
        }
        return new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE);
    }

    @Override
    public Retryer clone() {
        return new IdempotentRetryer(maxAttempts, backoffMillis);
    }
}
