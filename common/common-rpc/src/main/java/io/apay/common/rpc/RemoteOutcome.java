package io.apay.common.rpc;

import io.apay.common.core.error.ServiceException;
import java.util.function.Supplier;

/**
 * What became of a remote call that changes state, in the three cases the cross-service pattern needs
 * (docs/development.md, "One pattern for a step that calls another service"):
 * <ul>
 *   <li>{@link Done}: the remote answered success; complete the local intent with it;</li>
 *   <li>{@link Refused}: the remote answered a business refusal (a 4xx: not enough balance, not found, ...): nothing
 *       happened there, so the local intent is ended the other way (compensated) - never retried as it is;</li>
 *   <li>{@link Unknown}: no answer, a timeout, a 5xx, a breaker that is open: it may or may not have happened. Leave
 *       the intent as it is; the recovery job calls again with the same idempotency key.</li>
 * </ul>
 * The classification lives here, once, so no caller decides by itself which errors are "safe".
 */
public sealed interface RemoteOutcome<T> {

    record Done<T>(T value) implements RemoteOutcome<T> {
    }

    record Refused<T>(ServiceException error) implements RemoteOutcome<T> {
    }

    record Unknown<T>(RuntimeException error) implements RemoteOutcome<T> {
    }

    /** Runs the call and classifies its end. Errors are never thrown from here. */
    static <T> RemoteOutcome<T> of(Supplier<T> call) {
        try {
            return new Done<>(call.get());
        } catch (ServiceException e) {
            return isRefusal(e) ? new Refused<>(e) : new Unknown<>(e);
        } catch (RuntimeException e) {
            return new Unknown<>(e);
        }
    }

    /**
     * A 4xx is the remote deciding, with no effect; 408 (timeout) and 429 (throttled) are not decisions. Every 5xx
     * - 500, 502, 503 (even "nothing committed": a retry must still use the same key), 504 - counts as unknown.
     */
    static boolean isRefusal(ServiceException e) {
        int status = e.httpStatus();
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }

    /** The refusal's error code, or -1 if this is not a refusal. */
    default int refusalCode() {
        return this instanceof Refused<T> r ? r.error().code() : -1;
    }
}
