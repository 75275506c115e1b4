package io.apay.job.support;

import io.apay.common.core.error.ServiceException;
import io.apay.common.core.redis.RedisKeys;
import io.apay.job.JobErrorCodes;
import io.apay.job.support.JobRun.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs a job at most once per tick across all job-svc replicas, and records every run (job_run). A replica first
 * claims the tick (a Redis key per job and tick, SET NX), then takes the job's lock so a run that outlasts its tick
 * never overlaps the next one (nor an operator's re-run), then records the run: the table's unique key on the
 * scheduled (job, tick, attempt) lets only one replica record, and so run, a tick even if Redis forgot the claim.
 * A day-based job's tick is the day it works on (yesterday): its schedule retries the day until a run of it is OK.
 * Jobs must still be idempotent: a tick whose replica dies mid-run is recorded ABANDONED and done again next time.
 * Each ended run counts in {@code apay.job.runs{job,status}}; {@code apay.job.last.ok{job}} is the epoch second the
 * job's latest OK run (on this replica) ended, for alerts on a job that stopped succeeding.
 */
@Component
public class ClusterJobRunner {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobRunner.class);

    private final RedissonClient redisson;
    private final RedisKeys keys;
    private final JobRunStore store;
    private final Clock clock;
    private final String replica;
    private final MeterRegistry meters;
    private final Map<String, AtomicLong> lastOk = new ConcurrentHashMap<>();

    @Autowired
    public ClusterJobRunner(RedissonClient redisson, RedisKeys keys, JobRunStore store, Clock clock, MeterRegistry meters,
                            @Value("${apay.job.replica:}") String replica) {
        this.redisson = redisson;
        this.meters = meters;
        this.keys = keys;
        this.store = store;
        this.clock = clock;
        this.replica = replica == null || replica.isBlank() ? defaultReplica() : replica;
    }

    /**
     * The scheduled run of {@code job} for the current tick, if this replica is the one to run it.
     *
     * @return the recorded run, or empty when another replica has the tick, the previous run still holds the lock,
     *         or (a day-based job) yesterday already has a run that is OK or still going
     */
    public Optional<JobRun> runScheduled(ClusterJob job) {
        Instant now = clock.instant();
        long claimTick = now.toEpochMilli() / job.every().toMillis();
        boolean claimed = redisson.getBucket(keys.key("job-tick", job.name(), claimTick)).setIfAbsent("claimed", job.every().multipliedBy(2));
        if (!claimed) {
            return Optional.empty();
        }
        RLock lock = redisson.getLock(lockKey(job));
        if (!tryLock(lock, Duration.ZERO, job.maxRun())) {
            log.info("job {} tick {} skipped: the previous run is still going", job.name(), claimTick);
            return Optional.empty();
        }
        try {
            LocalDate day = job.dayBased() ? LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1) : null;
            long tick = job.dayBased() ? day.toEpochDay() : claimTick;
            Optional<JobRun> started;
            try {
                started = store.startScheduled(job.name(), tick, day, job.dayBased(), replica, now(), job.maxRun());
            } catch (RuntimeException e) {
                log.error("job {} tick {} not run: its run could not be recorded", job.name(), tick, e);
                return Optional.empty();
            }
            if (started.isEmpty()) {
                log.debug("job {} tick {} skipped: already recorded", job.name(), tick);
                return Optional.empty();
            }
            return Optional.of(execute(job, started.get()));
        } finally {
            unlock(lock);
        }
    }

    /**
     * A run an operator asked for, now, in the caller's thread: for {@code day} (a day-based job) or now. It takes
     * the same lock as the scheduled runs, waiting at most {@code lockWait}; a run still going after that is refused
     * ({@link JobErrorCodes#JOB_BUSY}). A failing body is recorded FAILED and answered, not thrown.
     */
    public JobRun runManually(ClusterJob job, LocalDate day, String operatorId, String reason, Duration lockWait) {
        RLock lock = redisson.getLock(lockKey(job));
        if (!tryLock(lock, lockWait, job.maxRun())) {
            throw new ServiceException(JobErrorCodes.JOB_BUSY);
        }
        try {
            Instant now = now();
            long tick = job.dayBased() ? day.toEpochDay() : now.toEpochMilli() / job.every().toMillis();
            return execute(job, store.startManual(job.name(), tick, day, operatorId, reason, replica, now, job.maxRun()));
        } finally {
            unlock(lock);
        }
    }

    public String replica() {
        return replica;
    }

    private JobRun execute(ClusterJob job, JobRun run) {
        Status status;
        Map<String, Long> counts = null;
        String error = null;
        try {
            JobResult result = job.body().run(run.day());
            counts = result.counts();
            error = result.failure();
            status = error == null ? Status.OK : Status.FAILED;
        } catch (RuntimeException e) {
            log.error("job {} run {} failed", job.name(), run.runId(), e);
            status = Status.FAILED;
            error = errorCode(e);
        }
        JobRun done = store.finish(run, status, counts, error, now());
        report(done);
        return done;
    }

    private void report(JobRun done) {
        Counter.builder("apay.job.runs").description("ended runs of a job by status").tag("job", done.job())
                .tag("status", done.status().name()).register(meters).increment();
        if (done.status() == Status.OK) {
            lastOk.computeIfAbsent(done.job(), job -> {
                AtomicLong at = new AtomicLong();
                // strong: a gauge holds its object weakly, and a collected one reads NaN (seen in CI)
                Gauge.builder("apay.job.last.ok", at, AtomicLong::get).description("epoch seconds of the job's latest OK run")
                        .tag("job", job).strongReference(true).register(meters);
                return at;
            }).set(done.finishedAt().getEpochSecond());
        }
        if (done.status() == Status.OK) {
            log.info("job {} run {} ({} tick {}) ok in {} ms: {}", done.job(), done.runId(), done.trigger(), done.tick(), done.durationMs(),
                    done.counts());
        } else {
            log.warn("job {} run {} ({} tick {}) FAILED in {} ms: {} {}", done.job(), done.runId(), done.trigger(), done.tick(),
                    done.durationMs(), done.error(), done.counts());
        }
    }

    /** What a failed run records: the remote's error code, or the exception's class; never its message (it may hold anything). */
    static String errorCode(RuntimeException e) {
        if (e instanceof ServiceException s) {
            return Integer.toString(s.code());
        }
        return e.getClass().getSimpleName();
    }

    private String lockKey(ClusterJob job) {
        return keys.key("job-lock", job.name());
    }

    private static boolean tryLock(RLock lock, Duration wait, Duration lease) {
        try {
            return lock.tryLock(wait.toMillis(), lease.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void unlock(RLock lock) {
        if (lock.isHeldByCurrentThread()) {
            lock.unlock();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String defaultReplica() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid();
    }
}
