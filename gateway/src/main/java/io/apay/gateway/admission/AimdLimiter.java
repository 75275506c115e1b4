package io.apay.gateway.admission;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * An adaptive limit on the requests of one route group in flight to the services (AIMD, as TCP finds a link's
 * capacity). The limit L starts at {@code initial}. A request that ends within {@code targetLatency} raises L by
 * 1/L (about +1 per L such requests); one that ends later, or a downstream timeout, multiplies L by 0.9, at most once
 * per {@code targetLatency} so that one slow burst, ending in many slow requests at once, counts once. L stays
 * within [min, max], and moves only while at least half of it is in use. So the gateway admits as many requests as
 * the services finish within the target, whatever the machine, and answers the rest at once instead of queueing
 * them.
 *
 * <p>Thread-safe: every change is under the limiter's lock (a few arithmetic operations per request).
 */
public final class AimdLimiter {

    static final double BACKOFF = 0.9;

    private final int min;
    private final int max;
    private final long targetNanos;
    private final LongSupplier nanoTime;

    private double limit;
    private int inFlight;
    private long lastDecrease;

    public AimdLimiter(int initial, int min, int max, Duration targetLatency, LongSupplier nanoTime) {
        if (min < 1 || min > initial || initial > max) {
            throw new IllegalArgumentException("need 1 <= min <= initial <= max, got min " + min + ", initial " + initial
                    + ", max " + max);
        }
        if (targetLatency.isNegative() || targetLatency.isZero()) {
            throw new IllegalArgumentException("target latency must be positive: " + targetLatency);
        }
        this.min = min;
        this.max = max;
        this.targetNanos = targetLatency.toNanos();
        this.nanoTime = nanoTime;
        this.limit = initial;
        this.lastDecrease = nanoTime.getAsLong() - targetNanos; // the first slow request may lower it at once
    }

    /** A permit to send one request on, or null when the group is at its limit (the caller answers "busy"). */
    public Permit tryAcquire() {
        synchronized (this) {
            if (inFlight >= (int) limit) {
                return null;
            }
            inFlight++;
        }
        return new Permit(nanoTime.getAsLong());
    }

    public synchronized double limit() {
        return limit;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    private synchronized void release(long startedAt, boolean timedOut) {
        long now = nanoTime.getAsLong();
        // the limit moves only while it is in use (half of it or more in flight): far below it, the limit is not what
        // makes a request fast or slow. Else a quiet hour would raise it to max, so that the next burst is admitted
        // whole, and an occasional slow request (an operator's report) would wear a quiet group down to min.
        if (inFlight * 2 >= limit) {
            if (timedOut || now - startedAt > targetNanos) {
                if (now - lastDecrease >= targetNanos) {
                    limit = Math.max(min, limit * BACKOFF);
                    lastDecrease = now;
                }
            } else {
                limit = Math.min(max, limit + 1 / limit);
            }
        }
        inFlight--;
    }

    private synchronized void abandon() {
        inFlight--;
    }

    /** One admitted request. Whichever of its methods is called first returns the permit; later calls do nothing. */
    public final class Permit {

        private final long startedAt;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Permit(long startedAt) {
            this.startedAt = startedAt;
        }

        /** The request ended, answered or refused: its latency since admission adjusts the limit. */
        public void done() {
            if (open.compareAndSet(true, false)) {
                release(startedAt, false);
            }
        }

        /** The service did not answer in time, could not be reached, or said it is busy: the limit goes down. */
        public void timedOut() {
            if (open.compareAndSet(true, false)) {
                release(startedAt, true);
            }
        }

        /** The client hung up: after the target latency the request counts as slow, before it as nothing. */
        public void cancelled() {
            if (open.compareAndSet(true, false)) {
                if (nanoTime.getAsLong() - startedAt > targetNanos) {
                    release(startedAt, true);
                } else {
                    abandon();
                }
            }
        }

        /** Says nothing about the services (the gateway refused it itself): only the permit is returned. */
        public void abandoned() {
            if (open.compareAndSet(true, false)) {
                abandon();
            }
        }
    }
}
