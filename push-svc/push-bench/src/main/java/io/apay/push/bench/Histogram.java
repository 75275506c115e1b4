package io.apay.push.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/** Counts of values in 1 ms buckets up to {@link #MAX_MS}; larger values land in the last bucket. Thread-safe. */
final class Histogram {

    static final int MAX_MS = 60_000;

    private final AtomicLongArray counts = new AtomicLongArray(MAX_MS + 1);

    void record(long millis) {
        counts.incrementAndGet((int) Math.max(0, Math.min(MAX_MS, millis)));
    }

    void add(long[] other) {
        for (int i = 0; i < other.length && i <= MAX_MS; i++) {
            if (other[i] != 0) {
                counts.addAndGet(i, other[i]);
            }
        }
    }

    long[] snapshot() {
        long[] out = new long[MAX_MS + 1];
        for (int i = 0; i <= MAX_MS; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    long count() {
        long n = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** The smallest value v such that at least {@code q} of the values are <= v; -1 when empty. */
    long percentile(double q) {
        long total = count();
        if (total == 0) {
            return -1;
        }
        long target = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i <= MAX_MS; i++) {
            seen += counts.get(i);
            if (seen >= target) {
                return i;
            }
        }
        return MAX_MS;
    }

    long max() {
        for (int i = MAX_MS; i >= 0; i--) {
            if (counts.get(i) > 0) {
                return i;
            }
        }
        return -1;
    }
}
