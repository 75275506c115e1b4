package io.apay.job.support;

import io.apay.common.core.redis.RedisKeys;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a job at most once per tick across all job-svc replicas. A replica first claims the tick (a Redis key per
 * job and tick, SET NX), then takes the job's lock so a run that outlasts its tick never overlaps the next one.
 * Jobs must still be idempotent: a claimed tick whose replica dies is simply skipped until the next tick.
 */
@Component
public class ClusterJobRunner {

    private static final Logger log = LoggerFactory.getLogger(ClusterJobRunner.class);

    private final RedissonClient redisson;
    private final RedisKeys keys;

    public ClusterJobRunner(RedissonClient redisson, RedisKeys keys) {
        this.redisson = redisson;
        this.keys = keys;
    }

    /**
     * @param interval the job's tick length; ticks are aligned to the epoch, so replicas agree on them
     * @param maxRun   how long a run may hold the job's lock before it is considered dead
     * @return true if this replica ran the job for the current tick
     */
    public boolean runOncePerTick(String job, Duration interval, Duration maxRun, Runnable body) {
        long tick = System.currentTimeMillis() / interval.toMillis();
        boolean claimed = redisson.getBucket(keys.key("job-tick", job, tick))
                .setIfAbsent("claimed", interval.multipliedBy(2));
        if (!claimed) {
            return false;
        }
        RLock lock = redisson.getLock(keys.key("job-lock", job));
        boolean locked;
        try {
            locked = lock.tryLock(0, maxRun.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!locked) {
            log.info("job {} tick {} skipped: the previous run is still going", job, tick);
            return false;
        }
        long start = System.nanoTime();
        try {
            body.run();
            return true;
        } catch (RuntimeException e) {
            log.error("job {} tick {} failed", job, tick, e);
            return true;
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
            log.debug("job {} tick {} took {} ms", job, tick, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
