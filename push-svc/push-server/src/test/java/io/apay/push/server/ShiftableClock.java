package io.apay.push.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** The system clock plus an offset the test moves: silence can be made to last 7 s without waiting 7 s. */
final class ShiftableClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();

    void shift(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    void reset() {
        offsetMillis.set(0);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
