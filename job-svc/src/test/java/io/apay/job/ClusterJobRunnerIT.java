package io.apay.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.core.redis.RedisKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.job.support.ClusterJobRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.springframework.beans.factory.annotation.Autowired;

@ApayIntegrationTest
class ClusterJobRunnerIT {

    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;

    @Test
    void manyReplicasRunAJobOncePerTick() throws Exception {
        // six "replicas" (runners with their own view of nothing but Redis) fire at the same tick
        List<ClusterJobRunner> replicas = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            replicas.add(new ClusterJobRunner(redisson, keys));
        }
        AtomicInteger runs = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        Duration tick = Duration.ofSeconds(30);
        // align to the start of a tick so all six land in the same one
        long now = System.currentTimeMillis();
        long intoTick = now % tick.toMillis();
        if (intoTick > tick.toMillis() - 2_000) {
            Thread.sleep(tick.toMillis() - intoTick + 10);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (ClusterJobRunner r : replicas) {
            results.add(pool.submit(() -> {
                go.await();
                return r.runOncePerTick("test-job", tick, Duration.ofSeconds(10), runs::incrementAndGet);
            }));
        }
        go.countDown();
        int ran = 0;
        for (Future<Boolean> f : results) {
            ran += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(runs.get()).isEqualTo(1);
        assertThat(ran).isEqualTo(1);
    }

    @Test
    void aRunStillGoingBlocksTheNextTickInsteadOfOverlapping() throws Exception {
        ClusterJobRunner a = new ClusterJobRunner(redisson, keys);
        ClusterJobRunner b = new ClusterJobRunner(redisson, keys);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Duration tick = Duration.ofMillis(200);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Boolean> slow = pool.submit(() -> a.runOncePerTick("slow-job", tick, Duration.ofSeconds(10), () -> {
            runs.incrementAndGet();
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(450); // two ticks later
        assertThat(b.runOncePerTick("slow-job", tick, Duration.ofSeconds(10), runs::incrementAndGet)).isFalse();
        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(runs.get()).isEqualTo(1);
    }
}
