package io.apay.chainbridge.server.job;

import io.apay.chainbridge.server.chain.ChainUnavailableException;
import io.apay.chainbridge.server.config.ChainProperties;
import io.apay.chainbridge.server.service.DepositScanner;
import io.apay.chainbridge.server.service.HotColdCheck;
import io.apay.chainbridge.server.service.Network;
import io.apay.chainbridge.server.service.Networks;
import io.apay.chainbridge.server.service.SweepService;
import io.apay.chainbridge.server.service.WithdrawalSender;
import io.apay.common.core.redis.RedisKeys;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs, per network and on a fixed delay, the scanner, the withdrawal sender and the sweeper, each on one replica at a
 * time (a Redis lock per network and job; the steps are safe to overlap anyway: their state changes are conditional).
 * {@code apay.chain.jobs.enabled=false} runs none of them (tests call the steps themselves).
 */
@Component
public class ChainJobs {

    private static final Logger log = LoggerFactory.getLogger(ChainJobs.class);

    private final Networks networks;
    private final DepositScanner scanner;
    private final WithdrawalSender sender;
    private final SweepService sweeper;
    private final HotColdCheck hotCold;
    private final ChainProperties props;
    private final RedissonClient redisson;
    private final RedisKeys keys;
    private ThreadPoolTaskScheduler scheduler;

    public ChainJobs(Networks networks, DepositScanner scanner, WithdrawalSender sender, SweepService sweeper, HotColdCheck hotCold,
                     ChainProperties props, RedissonClient redisson, RedisKeys keys) {
        this.hotCold = hotCold;
        this.networks = networks;
        this.scanner = scanner;
        this.sender = sender;
        this.sweeper = sweeper;
        this.props = props;
        this.redisson = redisson;
        this.keys = keys;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (!props.getJobs().isEnabled() || networks.all().isEmpty() || scheduler != null) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(4);
        scheduler.setThreadNamePrefix("chain-job-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        ChainProperties.Jobs jobs = props.getJobs();
        for (Network net : networks.all()) {
            schedule("scan", net.name(), jobs.getScanInterval(), scanner::scanOnce);
            schedule("send", net.name(), jobs.getSendInterval(), sender::runOnce);
            if (net.config().getSweep().isEnabled()) {
                schedule("sweep", net.name(), jobs.getSweepInterval(), sweeper::runOnce);
            }
            if (!net.config().getHotWallet().getThresholds().isEmpty()) {
                schedule("hot-cold", net.name(), jobs.getSweepInterval(), hotCold::runOnce);
            }
        }
    }

    private void schedule(String job, String network, Duration every, Consumer<String> step) {
        scheduler.scheduleWithFixedDelay(() -> runLocked(job, network, step), every);
    }

    private void runLocked(String job, String network, Consumer<String> step) {
        RLock lock = redisson.getLock(keys.key("chain", job, network));
        boolean locked = false;
        try {
            // no fixed lease: Redisson's watchdog keeps the lock while this process lives and lets it lapse within
            // its timeout (30 s) after a crash, so a replica killed mid-scan stops the scanner for seconds, not minutes
            locked = lock.tryLock(0, TimeUnit.MILLISECONDS);
            if (locked) {
                step.accept(network);
            }
        } catch (ChainUnavailableException e) {
            log.warn("chain {} {}: {}", job, network, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("chain {} {} failed", job, network, e);
        } finally {
            if (locked && lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        stop();
    }
}
