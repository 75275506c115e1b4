package io.apay.job.wealth;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.result.PageParam;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MutableClock;
import io.apay.job.WealthStandIn;
import io.apay.job.support.ClusterJob;
import io.apay.job.support.ClusterJobRunner;
import io.apay.job.support.JobRun;
import io.apay.job.support.JobRun.Status;
import io.apay.job.support.JobRunStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** wealth-accrual and wealth-recover calling a stand-in wealth-svc through WealthJobsApi, on a clock the test moves. */
@ApayIntegrationTest
@Import(WealthJobsIT.Clocks.class)
class WealthJobsIT {

    static final Instant AFTER_MIDNIGHT = Instant.parse("2026-03-02T00:30:00Z");
    static final WealthStandIn wealth = new WealthStandIn();

    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(AFTER_MIDNIGHT);
        }
    }

    @DynamicPropertySource
    static void wealthAddress(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.wealth-svc[0].uri", wealth::uri);
    }

    @AfterAll
    static void stop() {
        wealth.stop();
    }

    @Autowired WealthJobs jobs;
    @Autowired ClusterJobRunner runner;
    @Autowired JobRunStore store;
    @Autowired MutableClock clock;

    ClusterJob job(String name) {
        return jobs.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    List<JobRun> runs(String job, LocalDate day) {
        return store.page(job, null, new PageParam(1, 100)).list().stream().filter(r -> day.equals(r.day())).toList();
    }

    @BeforeEach
    void reset() {
        wealth.calls.clear();
        wealth.stalled = List.of();
        clock.set(AFTER_MIDNIGHT);
    }

    @Test
    void theAccrualAccruesYesterdayRetriesAStalledDayEveryTickAndLeavesADoneDayAlone() throws Exception {
        wealth.stalled = List.of("ETH-MINE");
        jobs.accrue(); // the scheduled method, on the async job pool
        LocalDate day = LocalDate.parse("2026-03-01");
        for (int i = 0; i < 100 && (runs(WealthJobs.ACCRUAL, day).isEmpty() || runs(WealthJobs.ACCRUAL, day).get(0).status() == Status.RUNNING); i++) {
            Thread.sleep(50);
        }
        assertThat(wealth.calls).containsExactly("accrual 2026-03-01");
        JobRun stalled = runs(WealthJobs.ACCRUAL, day).get(0);
        assertThat(stalled.status()).isEqualTo(Status.FAILED);
        assertThat(stalled.error()).isEqualTo(WealthJobs.STALLED);
        assertThat(stalled.day()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(stalled.counts()).isEqualTo(Map.of("productDays", 2L, "positionDays", 5L, "stalledProducts", 1L, "incompleteProducts", 0L, "maturitiesStarted", 1L));

        // an hour later the pool has been funded: the same day is tried again, and done
        wealth.stalled = List.of();
        clock.advance(Duration.ofHours(1));
        JobRun done = runner.runScheduled(job(WealthJobs.ACCRUAL)).orElseThrow();
        assertThat(done.status()).isEqualTo(Status.OK);
        assertThat(done.attempt()).isEqualTo(2);
        assertThat(done.counts()).containsEntry("stalledProducts", 0L);

        // the rest of the day's ticks call nothing; the next day's first one accrues through the day that just ended
        clock.advance(Duration.ofHours(1));
        assertThat(runner.runScheduled(job(WealthJobs.ACCRUAL))).isEmpty();
        clock.set(Instant.parse("2026-03-03T00:00:01Z"));
        assertThat(runner.runScheduled(job(WealthJobs.ACCRUAL)).orElseThrow().day()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(wealth.calls).containsExactly("accrual 2026-03-01", "accrual 2026-03-01", "accrual 2026-03-02");
    }

    @Test
    void aWealthSvcErrorIsAFailedRunWithItsCodeAndTheDayIsRetried() {
        clock.set(Instant.parse("2026-04-10T05:00:00Z"));
        wealth.failWith = 404;
        try {
            JobRun failed = runner.runScheduled(job(WealthJobs.ACCRUAL)).orElseThrow();
            assertThat(failed.status()).isEqualTo(Status.FAILED);
            assertThat(failed.error()).isEqualTo("18001");
        } finally {
            wealth.failWith = 0;
        }
        clock.advance(Duration.ofHours(1));
        assertThat(runner.runScheduled(job(WealthJobs.ACCRUAL)).orElseThrow().status()).isEqualTo(Status.OK);
        assertThat(wealth.calls).contains("accrual 2026-04-09");
    }

    @Test
    void theRecoveryCallsWealthSvcsRecoveryAndRecordsWhatItDrove() {
        JobRun run = runner.runScheduled(job(WealthJobs.RECOVER)).orElseThrow();
        assertThat(wealth.calls).contains("recover limit=100");
        assertThat(run.status()).isEqualTo(Status.OK);
        assertThat(run.counts()).isEqualTo(Map.of("recovered", 4L));
        assertThat(runner.runScheduled(job(WealthJobs.RECOVER))).isEmpty(); // the same 5 s tick
    }
}
