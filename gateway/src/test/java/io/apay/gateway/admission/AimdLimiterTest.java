package io.apay.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AIMD limit, on a clock the test moves by hand. */
class AimdLimiterTest {

    static final Duration TARGET = Duration.ofMillis(250);

    long now = 1_000_000_000L;

    AimdLimiter limiter(int initial, int min, int max) {
        return new AimdLimiter(initial, min, max, TARGET, () -> now);
    }

    void advanceMillis(long ms) {
        now += Duration.ofMillis(ms).toNanos();
    }

    List<AimdLimiter.Permit> acquire(AimdLimiter limiter, int n) {
        List<AimdLimiter.Permit> permits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AimdLimiter.Permit p = limiter.tryAcquire();
            assertThat(p).as("permit %d", i).isNotNull();
            permits.add(p);
        }
        return permits;
    }

    @Test
    void admitsUpToTheLimitAndRefusesBeyondIt() {
        AimdLimiter limiter = limiter(4, 2, 10);
        List<AimdLimiter.Permit> permits = acquire(limiter, 4);
        assertThat(limiter.tryAcquire()).isNull();
        assertThat(limiter.inFlight()).isEqualTo(4);
        permits.get(0).done();
        assertThat(limiter.tryAcquire()).isNotNull();
        assertThat(limiter.tryAcquire()).isNull();
    }

    @Test
    void requestsWithinTheTargetRaiseTheLimitByAboutOnePerLimitOfThem() {
        AimdLimiter limiter = limiter(10, 4, 100);
        List<AimdLimiter.Permit> inFlight = acquire(limiter, 10);
        // the group stays full: each fast answer adds 1/L, so 11 of them add a little over 1
        for (int i = 0; i < 11; i++) {
            advanceMillis(20);
            inFlight.remove(0).done();
            inFlight.add(limiter.tryAcquire());
        }
        assertThat(limiter.limit()).isBetween(11.0, 11.1);
        inFlight.forEach(AimdLimiter.Permit::done);
        assertThat(limiter.inFlight()).isZero();
        // now 11 may be in flight
        acquire(limiter, 11);
        assertThat(limiter.tryAcquire()).isNull();
    }

    @Test
    void aQuietGroupDoesNotDriftUpToItsMaximum() {
        AimdLimiter limiter = limiter(10, 4, 100);
        for (int i = 0; i < 1_000; i++) {
            AimdLimiter.Permit p = limiter.tryAcquire(); // one at a time: far below the limit
            advanceMillis(5);
            p.done();
        }
        assertThat(limiter.limit()).isEqualTo(10.0);
    }

    @Test
    void aSlowAnswerLowersTheLimitByTenPercentOncePerTargetWindow() {
        AimdLimiter limiter = limiter(20, 4, 100);
        List<AimdLimiter.Permit> permits = acquire(limiter, 20);
        advanceMillis(300);
        permits.get(0).done();
        assertThat(limiter.limit()).isCloseTo(18.0, within(1e-9));
        // the rest of the same slow burst, within one target window, counts once
        for (int i = 1; i < 10; i++) {
            advanceMillis(20);
            permits.get(i).done();
        }
        assertThat(limiter.limit()).isCloseTo(18.0, within(1e-9));
        // a slow answer after the window lowers it again
        advanceMillis(250);
        permits.get(10).done();
        assertThat(limiter.limit()).isCloseTo(16.2, within(1e-9));
        permits.subList(11, 20).forEach(AimdLimiter.Permit::done);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aDownstreamTimeoutLowersTheLimitHoweverFastItCame() {
        AimdLimiter limiter = limiter(20, 4, 100);
        List<AimdLimiter.Permit> permits = acquire(limiter, 20);
        advanceMillis(1);
        permits.get(0).timedOut();
        assertThat(limiter.limit()).isCloseTo(18.0, within(1e-9));
        assertThat(limiter.inFlight()).isEqualTo(19);
    }

    @Test
    void aSlowRequestInAQuietGroupLeavesItsLimitAlone() {
        AimdLimiter limiter = limiter(20, 4, 100);
        for (int i = 0; i < 50; i++) {
            // an operator's slow report now and then, one at a time: the limit is not what makes it slow
            AimdLimiter.Permit p = limiter.tryAcquire();
            advanceMillis(2_000);
            p.done();
        }
        assertThat(limiter.limit()).isEqualTo(20.0);
    }

    @Test
    void theLimitStaysWithinItsBounds() {
        AimdLimiter limiter = limiter(5, 4, 6);
        for (int round = 0; round < 20; round++) {
            List<AimdLimiter.Permit> permits = acquire(limiter, (int) limiter.limit());
            advanceMillis(1_000);
            permits.forEach(AimdLimiter.Permit::done); // all slow
        }
        assertThat(limiter.limit()).isEqualTo(4.0);
        for (int round = 0; round < 200; round++) {
            for (AimdLimiter.Permit p : acquire(limiter, (int) limiter.limit())) {
                p.done(); // instant
            }
        }
        assertThat(limiter.limit()).isEqualTo(6.0);
    }

    @Test
    void aPermitIsReturnedOnceHoweverOftenItIsReleased() {
        AimdLimiter limiter = limiter(2, 1, 2);
        List<AimdLimiter.Permit> permits = acquire(limiter, 2);
        AimdLimiter.Permit first = permits.get(0);
        first.timedOut();
        first.done();
        first.abandoned();
        first.done();
        assertThat(limiter.inFlight()).isEqualTo(1);
        assertThat(limiter.limit()).isCloseTo(1.8, within(1e-9));
        permits.get(1).abandoned();
        permits.get(1).done();
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aClientThatHangsUpAfterTheTargetLatencyCountsAsSlowAndBeforeItAsNothing() {
        AimdLimiter limiter = limiter(8, 4, 16);
        List<AimdLimiter.Permit> permits = acquire(limiter, 8);
        advanceMillis(10);
        permits.get(0).cancelled(); // gave up quickly: says nothing about the services
        assertThat(limiter.limit()).isEqualTo(8.0);
        advanceMillis(10_000);
        permits.get(1).cancelled(); // gave up after waiting longer than the target: the services were slow
        assertThat(limiter.limit()).isCloseTo(7.2, within(1e-9));
        permits.subList(2, 8).forEach(AimdLimiter.Permit::abandoned);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aClientThatHangsUpReturnsItsPermitWithoutMovingTheLimit() {
        AimdLimiter limiter = limiter(8, 4, 16);
        List<AimdLimiter.Permit> permits = acquire(limiter, 8);
        advanceMillis(10_000);
        permits.forEach(AimdLimiter.Permit::abandoned);
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.limit()).isEqualTo(8.0);
    }

    @Test
    void boundsMustBeConsistent() {
        assertThatThrownBy(() -> limiter(3, 4, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(11, 4, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(4, 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AimdLimiter(4, 4, 4, Duration.ZERO, () -> now)).isInstanceOf(IllegalArgumentException.class);
    }
}
