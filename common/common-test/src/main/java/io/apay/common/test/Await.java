package io.apay.common.test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in a test for something another thread or process brings about, failing with what it waited for. */
public final class Await {

    private Await() {
    }

    public static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
