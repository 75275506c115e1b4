package io.apay.push.server.service.heartbeat;

import io.apay.push.server.config.PushProperties;
import io.apay.push.server.service.presence.PresenceService;
import io.apay.push.server.service.session.MonitorSession;
import io.apay.push.server.service.session.MonitorSessionService;
import io.apay.push.server.service.session.SessionRegistry;
import io.apay.push.server.websocket.Frames;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One heartbeat scheduler for all of this replica's monitors, a timing wheel on a {@link ScheduledThreadPoolExecutor}
 * sized to the cores (the seed's pool, without its task per connection that pinged everyone: O(n) per round, not
 * O(n^2)). The heartbeat interval (2 s) is cut into {@code wheelSlots} ticks; each session sits in one slot and is
 * pinged on that slot's tick, so every round pings every session exactly once and the pings are spread over the
 * round. Every tick also checks every session's silence, so a silent monitor is found within one tick (500 ms) of
 * its deadline. Pings are queued with a non-blocking send: a slow or dead socket never holds up the tick.
 */
@Component
public class HeartbeatScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatScheduler.class);

    /** A connection still waiting to be registered (a reconnect storm) is given up after this long. */
    static final Duration REGISTRATION_LIMIT = Duration.ofSeconds(30);

    private final SessionRegistry registry;
    private final MonitorSessionService sessions;
    private final PresenceService presence;
    private final PushProperties props;
    private final Clock clock;
    private final AtomicInteger tick = new AtomicInteger();
    private volatile ScheduledThreadPoolExecutor executor;
    private volatile boolean running;

    public HeartbeatScheduler(SessionRegistry registry, MonitorSessionService sessions, PresenceService presence,
                              PushProperties props, Clock clock) {
        this.registry = registry;
        this.sessions = sessions;
        this.presence = presence;
        this.props = props;
        this.clock = clock;
    }

    /** One tick of the wheel: ping the sessions of this slot, end the silent or stuck ones. */
    public void tick() {
        int slot = Math.floorMod(tick.getAndIncrement(), props.getWheelSlots());
        long now = clock.millis();
        long silenceLimit = props.silenceLimit().toMillis();
        long registrationLimit = REGISTRATION_LIMIT.toMillis();
        long sendTimeoutNanos = props.getSendTimeout().toNanos();
        long nowNanos = System.nanoTime();
        for (MonitorSession s : registry.all()) {
            if (now - s.lastSeenMillis() > (s.isReady() ? silenceLimit : registrationLimit)) {
                sessions.expire(s, true);
            } else if (s.writeAgeNanos(nowNanos) > sendTimeoutNanos) {
                sessions.expire(s, false);
            } else if (s.slot() == slot && s.isReady()) {
                s.send(Frames.ping(now, s.epoch(), sessions.nextPingSeq()));
            }
        }
    }

    /** Ends every session silent for longer than the limit; returns how many. */
    public int sweep() {
        long now = clock.millis();
        int expired = 0;
        for (MonitorSession s : registry.all()) {
            if (s.isReady() && now - s.lastSeenMillis() > props.silenceLimit().toMillis()) {
                sessions.expire(s, true);
                expired++;
            }
        }
        return expired;
    }

    private void leaseAndReap() {
        presence.renewLease();
        int reaped = presence.reapLostReplicas();
        if (reaped > 0) {
            log.warn("{} acceptors paused: their replica was lost", reaped);
        }
    }

    private Runnable safely(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) { // a failed round must not cancel the schedule
                log.error("heartbeat {} failed", what, e);
            }
        };
    }

    @Override
    public void start() {
        running = true;
        presence.renewLease();
        if (!props.isAutoStart()) {
            return;
        }
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "push-heartbeat");
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        long tickMillis = props.tickInterval().toMillis();
        ex.scheduleAtFixedRate(safely("tick", this::tick), tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        long beat = props.getHeartbeatInterval().toMillis();
        ex.scheduleWithFixedDelay(safely("lease", this::leaseAndReap), beat, beat, TimeUnit.MILLISECONDS);
        executor = ex;
        log.info("heartbeat every {} in {} slots on {} threads, silence limit {}", props.getHeartbeatInterval(),
                props.getWheelSlots(), ex.getCorePoolSize(), props.silenceLimit());
    }

    @Override
    public void stop() {
        running = false;
        ScheduledThreadPoolExecutor ex = executor;
        executor = null;
        if (ex != null) {
            ex.shutdownNow();
        }
        sessions.closeAll();
        try {
            presence.releaseLease();
        } catch (RuntimeException e) {
            log.warn("could not release the replica lease: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the web server and the message listeners, so the sockets close while Redis and the DB are up
        return Integer.MAX_VALUE - 200;
    }
}
