package io.apay.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.error.ServiceException;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MutableClock;
import io.apay.job.support.ClusterJob;
import io.apay.job.support.ClusterJobRunner;
import io.apay.job.support.JobResult;
import io.apay.job.support.JobRun;
import io.apay.job.support.JobRun.Status;
import io.apay.job.support.JobRun.Trigger;
import io.apay.job.support.JobRunStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One run per tick across replicas (Redis claim + lock + the run log's unique key), and what each run records.
 * Each "replica" is a runner of its own sharing only Redis and the database, on a clock the test moves.
 */
@ApayIntegrationTest
class ClusterJobRunnerIT {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;
    @Autowired JobRunStore store;
    @Autowired JdbcTemplate jdbc;

    final MutableClock clock = new MutableClock(T0);
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final ExecutorService pool = Executors.newFixedThreadPool(6);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    ClusterJobRunner replica(String name) {
        return new ClusterJobRunner(redisson, keys, store, clock, meters, name);
    }

    List<JobRun> rows(String job) {
        return store.page(job, null, new io.apay.common.core.result.PageParam(1, 100)).list();
    }

    static ClusterJob job(String name, Duration every, ClusterJob.IntervalBody body) {
        return ClusterJob.interval(name, every, Duration.ofSeconds(10), "test", body);
    }

    @Test
    void manyReplicasRunAJobOncePerTick() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ClusterJob job = job("test-job", Duration.ofSeconds(30), () -> JobResult.ok("n", runs.incrementAndGet()));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<JobRun>>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ClusterJobRunner r = replica("replica-" + i);
            results.add(pool.submit(() -> {
                go.await();
                return r.runScheduled(job);
            }));
        }
        go.countDown();
        int ran = 0;
        for (Future<Optional<JobRun>> f : results) {
            ran += f.get(10, TimeUnit.SECONDS).isPresent() ? 1 : 0;
        }
        assertThat(runs.get()).isEqualTo(1);
        assertThat(ran).isEqualTo(1);
        assertThat(rows("test-job")).hasSize(1);
    }

    @Test
    void aRunStillGoingBlocksTheNextTickInsteadOfOverlapping() throws Exception {
        ClusterJobRunner a = replica("a");
        ClusterJobRunner b = replica("b");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        ClusterJob job = job("slow-job", Duration.ofMillis(200), () -> {
            runs.incrementAndGet();
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JobResult.ok("n", 1);
        });
        Future<Optional<JobRun>> slow = pool.submit(() -> a.runScheduled(job));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofMillis(450)); // two ticks later
        assertThat(b.runScheduled(job)).isEmpty();
        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isPresent();
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void whenRedisForgetsTheClaimAndTheLockTheRunLogStillLetsOnlyOneReplicaRunTheTick() throws Exception {
        String name = "race-job";
        Duration every = Duration.ofMinutes(1);
        long tick = T0.toEpochMilli() / every.toMillis();
        List<String> executions = new CopyOnWriteArrayList<>();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ClusterJobRunner a = replica("replica-a");
        ClusterJobRunner b = replica("replica-b");
        ClusterJob onA = job(name, every, () -> {
            executions.add("a");
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JobResult.ok("n", 1);
        });
        ClusterJob onB = job(name, every, () -> {
            executions.add("b");
            return JobResult.ok("n", 1);
        });
        Future<Optional<JobRun>> first = pool.submit(() -> a.runScheduled(onA));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        // Redis loses everything about the tick while A is still running it (a failover without replication)
        assertThat(redisson.getBucket(keys.key("job-tick", name, tick)).delete()).isTrue();
        assertThat(redisson.getLock(keys.key("job-lock", name)).forceUnlock()).isTrue();
        assertThat(b.runScheduled(onB)).isEmpty(); // claimed and locked in Redis, but it lost the run log's insert

        release.countDown();
        JobRun ran = first.get(5, TimeUnit.SECONDS).orElseThrow();
        // and once more after A finished: the tick is recorded, so B never runs it
        assertThat(redisson.getBucket(keys.key("job-tick", name, tick)).delete()).isTrue();
        assertThat(b.runScheduled(onB)).isEmpty();

        assertThat(executions).containsExactly("a");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM job_run WHERE job_name = ? AND tick = ?", Integer.class, name, tick)).isEqualTo(1);
        assertThat(ran.replica()).isEqualTo("replica-a");
        assertThat(ran.tick()).isEqualTo(tick);
    }

    @Test
    void anOkRunRecordsItsCountsDurationReplicaAndTick() {
        ClusterJob job = job("counting-job", Duration.ofSeconds(5), () -> {
            clock.advance(Duration.ofMillis(1500)); // the body "takes" 1.5 s
            return JobResult.ok(JobResult.counts("expired", 3, "left", 7L));
        });
        JobRun run = replica("host-1/42").runScheduled(job).orElseThrow();
        assertThat(run.status()).isEqualTo(Status.OK);
        assertThat(run.trigger()).isEqualTo(Trigger.SCHEDULED);
        assertThat(run.counts()).containsExactly(Map.entry("expired", 3L), Map.entry("left", 7L));
        assertThat(run.durationMs()).isEqualTo(1500L);
        assertThat(run.startedAt()).isEqualTo(T0);
        assertThat(run.finishedAt()).isEqualTo(T0.plusMillis(1500));
        assertThat(run.replica()).isEqualTo("host-1/42");
        assertThat(run.tick()).isEqualTo(T0.toEpochMilli() / 5000);
        assertThat(run.attempt()).isEqualTo(1);
        assertThat(run.day()).isNull();
        assertThat(run.error()).isNull();
        assertThat(rows("counting-job")).containsExactly(run);
        assertThat(meters.get("apay.job.runs").tag("job", "counting-job").tag("status", "OK").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("apay.job.last.ok").tag("job", "counting-job").gauge().value()).isEqualTo(T0.plusMillis(1500).getEpochSecond());
    }

    @Test
    void theLastOkGaugeStillReadsAfterACollection() {
        replica("r").runScheduled(job("collected-job", Duration.ofSeconds(5), () -> JobResult.ok("n", 1))).orElseThrow();
        // nothing here holds the runner any more: a gauge that holds its value weakly would now read NaN
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertThat(meters.get("apay.job.last.ok").tag("job", "collected-job").gauge().value()).isEqualTo(T0.getEpochSecond());
    }

    @Test
    void aFailedRunRecordsAShortCodeNeverTheExceptionsText() {
        ClusterJobRunner r = replica("r");
        JobRun remote = r.runScheduled(job("remote-failing-job", Duration.ofSeconds(5), () -> {
            throw new ServiceException(JobErrorCodes.JOB_BUSY, "whatever the remote said");
        })).orElseThrow();
        assertThat(remote.status()).isEqualTo(Status.FAILED);
        assertThat(remote.error()).isEqualTo("21006");
        assertThat(remote.counts()).isNull();
        assertThat(remote.finishedAt()).isNotNull();
        assertThat(remote.durationMs()).isZero();

        JobRun local = r.runScheduled(job("local-failing-job", Duration.ofSeconds(5), () -> {
            throw new IllegalStateException("jdbc:mariadb://db/apay?password=hunter2");
        })).orElseThrow();
        assertThat(local.error()).isEqualTo("IllegalStateException");
        assertThat(jdbc.queryForObject("SELECT error_code FROM job_run WHERE id = ?", String.class, local.runId())).doesNotContain("hunter2");

        JobRun incomplete = r.runScheduled(job("incomplete-job", Duration.ofSeconds(5),
                () -> JobResult.incomplete("ACCRUAL_STALLED", JobResult.counts("stalledProducts", 1)))).orElseThrow();
        assertThat(incomplete.status()).isEqualTo(Status.FAILED);
        assertThat(incomplete.error()).isEqualTo("ACCRUAL_STALLED");
        assertThat(incomplete.counts()).containsEntry("stalledProducts", 1L);
        assertThat(meters.get("apay.job.runs").tag("job", "incomplete-job").tag("status", "FAILED").counter().count()).isEqualTo(1.0);
        assertThat(meters.find("apay.job.last.ok").tag("job", "incomplete-job").gauge()).isNull();
    }

    @Test
    void aDayBasedJobRunsYesterdayOnceRetriesItUntilOkAndRecordsEachAttempt() {
        List<LocalDate> days = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(1);
        ClusterJob daily = ClusterJob.daily("daily-job", Duration.ofHours(1), Duration.ofMinutes(30), "test", day -> {
            days.add(day);
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the remote is down");
            }
            return JobResult.ok("days", 1);
        });
        clock.set(Instant.parse("2026-03-02T00:05:00Z"));
        JobRun failed = replica("a").runScheduled(daily).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.day()).isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(failed.tick()).isEqualTo(LocalDate.parse("2026-03-01").toEpochDay());

        clock.advance(Duration.ofHours(1)); // the next tick retries the day, on whichever replica claims it
        JobRun retried = replica("b").runScheduled(daily).orElseThrow();
        assertThat(retried.status()).isEqualTo(Status.OK);
        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.day()).isEqualTo(LocalDate.parse("2026-03-01"));

        clock.advance(Duration.ofHours(1)); // the day is done: the later ticks of the day run nothing
        assertThat(replica("a").runScheduled(daily)).isEmpty();
        clock.set(Instant.parse("2026-03-02T23:30:00Z"));
        assertThat(replica("b").runScheduled(daily)).isEmpty();

        clock.set(Instant.parse("2026-03-03T00:10:00Z")); // a new day
        JobRun next = replica("a").runScheduled(daily).orElseThrow();
        assertThat(next.day()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(next.attempt()).isEqualTo(1);
        assertThat(days).containsExactly(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"));
        assertThat(rows("daily-job")).extracting(JobRun::status).containsExactly(Status.OK, Status.OK, Status.FAILED);
    }

    @Test
    void aRunWhoseReplicaDiedIsRecordedAbandonedAndItsDayRunAgain() {
        // a replica recorded the day's run and died before finishing it
        LocalDate day = LocalDate.parse("2026-03-01");
        clock.set(Instant.parse("2026-03-02T00:05:00Z"));
        JobRun dead = store.startScheduled("dying-job", day.toEpochDay(), day, true, "gone", clock.instant(), Duration.ofMinutes(30))
                .orElseThrow();
        AtomicInteger runs = new AtomicInteger();
        ClusterJob daily = ClusterJob.daily("dying-job", Duration.ofHours(1), Duration.ofMinutes(30), "test",
                d -> JobResult.ok("n", runs.incrementAndGet()));
        clock.advance(Duration.ofMinutes(10)); // still within its longest run: it may be going
        assertThat(replica("a").runScheduled(daily)).isEmpty();
        clock.advance(Duration.ofHours(1));
        JobRun again = replica("a").runScheduled(daily).orElseThrow();
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.status()).isEqualTo(Status.OK);
        JobRun abandoned = store.get(dead.runId()).orElseThrow();
        assertThat(abandoned.status()).isEqualTo(Status.FAILED);
        assertThat(abandoned.error()).isEqualTo(JobRunStore.ABANDONED);
        assertThat(runs.get()).isEqualTo(1);
    }
}
