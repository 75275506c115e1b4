package io.apay.push.server;

import static io.apay.push.server.PushTestSupport.await;
import static io.apay.push.server.PushTestSupport.connect;
import static io.apay.push.server.PushTestSupport.presence;
import static io.apay.push.server.PushTestSupport.registerDevice;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.mq.OutboxPublisher;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.push.api.event.AcceptorPresenceRule;
import io.apay.push.api.message.OrderAssignedMessage;
import io.apay.push.api.message.PaymentChannel;
import io.apay.push.api.message.PushMessages;
import io.apay.push.server.service.heartbeat.HeartbeatScheduler;
import io.apay.push.server.service.session.SessionRegistry;
import io.apay.push.simulator.MonitorClient;
import io.apay.push.simulator.MonitorCredentials;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The seed's race, on two real push-svc replicas (this test's context and a second one on the same schema, Redis
 * prefix and queues), real WebSockets, Redis, RabbitMQ and MariaDB, 1,000 times with random replicas, delays and
 * interleavings:
 * <ol>
 *   <li>the old socket goes silent;</li>
 *   <li>a new socket of the same acceptor connects;</li>
 *   <li>the old socket is then detected dead (heartbeat sweep, a late TCP close, or both at once; in a quarter of
 *       the rounds the detection races the new connection itself);</li>
 *   <li>the acceptor must still be accepting, with the new epoch, and an order sent meanwhile reaches only the new
 *       socket.</li>
 * </ol>
 * The heartbeat is driven by hand with a clock the test shifts by 7 s, so silence needs no waiting.
 */
@ApayIntegrationTest(properties = {"apay.push.auto-start=false", "apay.push.node-id=replica-a"})
class MonitorRaceIT {

    static final ShiftableClock CLOCK = new ShiftableClock();
    static final int ACCEPTORS = 8;

    @TestConfiguration
    static class RaceClock {
        @Bean
        @Primary
        Clock raceClock() {
            return CLOCK;
        }
    }

    /** One push-svc replica as the test sees it. */
    record Replica(String name, int port, ApplicationContext context) {
        HeartbeatScheduler heartbeat() {
            return context.getBean(HeartbeatScheduler.class);
        }

        boolean holds(long acceptorId, long epoch) {
            return context.getBean(SessionRegistry.class).find(acceptorId, epoch) != null;
        }
    }

    static ConfigurableApplicationContext secondReplica;

    @LocalServerPort int port;
    @Autowired ApplicationContext context;
    @Autowired Environment env;
    @Autowired JdbcTemplate jdbc;
    @Autowired OutboxPublisher outbox;
    @Autowired PlatformTransactionManager txManager;

    Replica a;
    Replica b;

    @BeforeEach
    void startSecondReplica() {
        if (secondReplica == null) {
            // command-line arguments: above the application.yml, like the test context's own isolation settings
            secondReplica = new SpringApplicationBuilder(io.apay.push.server.PushServerApplication.class, RaceClock.class)
                    .profiles("local")
                    .run("--server.port=0",
                            "--apay.db.schema=" + env.getProperty("apay.db.schema"),
                            "--apay.redis.key-prefix=" + env.getProperty("apay.redis.key-prefix"),
                            "--apay.mq.prefix=" + env.getProperty("apay.mq.prefix"),
                            "--apay.crypto.secret-key=" + env.getProperty("apay.crypto.secret-key"),
                            "--apay.mesh.key=" + env.getProperty("apay.mesh.key"),
                            "--apay.push.auto-start=false",
                            "--apay.push.node-id=replica-b");
        }
        a = new Replica("A", port, context);
        b = new Replica("B", ((ServletWebServerApplicationContext) secondReplica).getWebServer().getPort(), secondReplica);
    }

    @AfterAll
    static void stopSecondReplica() {
        if (secondReplica != null) {
            secondReplica.close();
            secondReplica = null;
        }
    }

    @Test
    void aLateDeathOfTheOldSocketNeverPausesTheNewOneNorGetsItsOrders() throws Exception {
        int rounds = Integer.getInteger("apay.push.race.rounds", 1000);
        long seed = Long.getLong("apay.push.race.seed", System.nanoTime());
        Random rnd = new Random(seed);
        List<MonitorCredentials> acceptors = new ArrayList<>();
        for (int i = 0; i < ACCEPTORS; i++) {
            acceptors.add(registerDevice(port, 7_000_000L + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<String> wrongPauses = new ArrayList<>();
        List<String> staleDeliveries = new ArrayList<>();
        List<String> lostOrders = new ArrayList<>();
        int[] variants = new int[4];
        long started = System.nanoTime();
        try {
            for (int round = 0; round < rounds; round++) {
                MonitorCredentials acceptor = acceptors.get(round % ACCEPTORS);
                long acceptorId = acceptor.acceptorId();
                Replica oldAt = rnd.nextBoolean() ? a : b;
                Replica newAt = rnd.nextBoolean() ? a : b;
                int variant = rnd.nextInt(4);
                variants[variant]++;
                String where = "round " + round + " (seed " + seed + ", variant " + variant + ", old on " + oldAt.name()
                        + ", new on " + newAt.name() + ")";
                long outboxMark = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM outbox_event", Long.class);
                CLOCK.reset();

                // 1. the old socket goes silent (it still reads, so a delivery to it would be seen)
                MonitorClient old = connect(oldAt.port(), acceptor);
                long e1 = old.epoch();
                old.goSilent();
                sleep(rnd, 3);
                CLOCK.shift(Duration.ofSeconds(7)); // ...and stays silent past the 6 s limit

                Runnable detectDead = detection(rnd, old, variant);
                MonitorClient fresh;
                if (variant == 3) {
                    // the detection races the new connection itself
                    Future<?> detecting = pool.submit(() -> { sleep(rnd, 4); detectDead.run(); });
                    fresh = connect(newAt.port(), acceptor);
                    detecting.get(10, TimeUnit.SECONDS);
                } else {
                    // 2. a new socket connects; 3. the old one is then detected dead, racing an order
                    fresh = connect(newAt.port(), acceptor);
                }
                long e2 = fresh.epoch();
                if (e2 <= e1) {
                    wrongPauses.add(where + ": epoch did not increase " + e1 + " -> " + e2);
                }
                String orderId = "race-" + round;
                Future<String> order = pool.submit(() -> { sleep(rnd, 3); return sendOrder(acceptorId, orderId); });
                if (variant != 3) {
                    sleep(rnd, 3);
                    detectDead.run();
                }
                String messageId = order.get(10, TimeUnit.SECONDS);

                // 4. the new socket gets the order; the old one never does; the acceptor is still accepting
                try {
                    fresh.awaitFrame(f -> messageId.equals(f.path("messageId").asText()), Duration.ofSeconds(10));
                } catch (IllegalStateException e) {
                    lostOrders.add(where + ": order " + orderId + " never reached the live socket");
                }
                await(() -> !oldAt.holds(acceptorId, e1) && !newAt.holds(acceptorId, e1), Duration.ofSeconds(10),
                        where + ": old session ended");
                if (old.frames().stream().anyMatch(f -> f.path("type").asText().startsWith("order."))) {
                    staleDeliveries.add(where + ": old socket (epoch " + e1 + ") got " + old.frames("order.assigned"));
                }
                JsonNode now = presence(port, acceptorId);
                if (!now.get("online").asBoolean() || now.get("epoch").asLong() != e2) {
                    wrongPauses.add(where + ": presence " + now + " while epoch " + e2 + " is live");
                }
                String eventProblem = checkEvents(acceptorId, outboxMark, e1, e2, variant != 3);
                if (eventProblem != null) {
                    wrongPauses.add(where + ": " + eventProblem);
                }

                // clean up: the new monitor leaves, the acceptor pauses (its own epoch)
                fresh.close();
                old.abort();
                await(() -> !onlineQuietly(acceptorId), Duration.ofSeconds(5), where + ": paused at the end");
            }
        } finally {
            pool.shutdownNow();
            CLOCK.reset();
        }
        System.out.printf("race: %d rounds in %d s (seed %d, variants %d/%d/%d/%d): %d wrong pauses, %d stale deliveries, %d lost orders%n",
                rounds, (System.nanoTime() - started) / 1_000_000_000L, seed, variants[0], variants[1], variants[2], variants[3],
                wrongPauses.size(), staleDeliveries.size(), lostOrders.size());
        assertThat(wrongPauses).as("wrong pauses").isEmpty();
        assertThat(staleDeliveries).as("orders delivered to a stale session").isEmpty();
        assertThat(lostOrders).as("orders that never reached the live session").isEmpty();
    }

    /** How the old socket is found dead: the heartbeat sweep (0), its late TCP close (1), or both at once (2, 3). */
    private Runnable detection(Random rnd, MonitorClient old, int variant) {
        int how = variant == 3 ? rnd.nextInt(3) : variant;
        return () -> {
            switch (how) {
                case 0 -> sweepBoth();
                case 1 -> old.abort();
                default -> {
                    Thread t = new Thread(old::abort);
                    t.start();
                    sweepBoth();
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }

    private void sweepBoth() {
        a.heartbeat().sweep();
        b.heartbeat().sweep();
    }

    /**
     * The events of this round as a consumer sees them. Applied with the documented rule, in any order, they must
     * leave the acceptor online at e2. No offline may carry e2; when the detection came after the new connection,
     * no offline at all (the old epoch's end must not be published over the live one).
     */
    private String checkEvents(long acceptorId, long outboxMark, long e1, long e2, boolean detectionAfterConnect) {
        long lastEpoch = 0;
        boolean lastOnline = false;
        for (PushTestSupport.Event e : events(acceptorId, outboxMark)) {
            long epoch = e.payload().get("epoch").asLong();
            boolean online = "acceptor.online".equals(e.routingKey());
            if (!online && (epoch == e2 || detectionAfterConnect)) {
                return "published " + e.routingKey() + " epoch " + epoch + " (live epoch " + e2 + ")";
            }
            if (AcceptorPresenceRule.isNewer(epoch, online, lastEpoch, lastOnline)) {
                lastEpoch = epoch;
                lastOnline = online;
            }
        }
        return lastOnline && lastEpoch == e2 ? null : "a consumer would end at epoch " + lastEpoch + " online=" + lastOnline;
    }

    private List<PushTestSupport.Event> events(long acceptorId, long afterId) {
        List<PushTestSupport.Event> out = new ArrayList<>();
        jdbc.query("SELECT id, routing_key, payload FROM outbox_event WHERE id > ? AND routing_key LIKE 'acceptor.%' ORDER BY id",
                rs -> {
                    try {
                        JsonNode p = PushTestSupport.MAPPER.readTree(rs.getString(3));
                        if (p.path("acceptorId").asLong() == acceptorId) {
                            out.add(new PushTestSupport.Event(rs.getLong(1), rs.getString(2), p));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, afterId);
        return out;
    }

    private String sendOrder(long acceptorId, String orderId) {
        return new TransactionTemplate(txManager).execute(s -> outbox.publish(PushMessages.ORDER_ASSIGNED,
                new OrderAssignedMessage(acceptorId, orderId, PaymentChannel.BANK, new BigDecimal("300.01"), "CNY",
                        Instant.now().plusSeconds(600))));
    }

    private boolean onlineQuietly(long acceptorId) {
        try {
            return presence(port, acceptorId).get("online").asBoolean();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(Random rnd, int maxMillis) {
        int ms;
        synchronized (rnd) {
            ms = rnd.nextInt(maxMillis + 1);
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
