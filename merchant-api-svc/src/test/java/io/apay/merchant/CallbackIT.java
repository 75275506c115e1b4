package io.apay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.mq.MqNames;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.Await;
import io.apay.common.test.MeshCredentials;
import io.apay.common.test.StatementCounter;
import io.apay.merchant.config.PlatformKey;
import io.apay.merchant.service.callback.CallbackProperties;
import io.apay.merchant.service.callback.CallbackSender;
import io.apay.merchant.service.callback.HostResolver;
import io.apay.merchant.service.callback.CallbackService;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.api.event.OrderStatusEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Callbacks from an order event to the merchant's endpoint: signed, retried along the schedule (shortened here),
 * every attempt logged, delivered once acknowledged.
 */
@ApayIntegrationTest(properties = {
        "apay.merchant.callbacks.retry-schedule=200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms,200ms",
        "apay.merchant.callbacks.lease=2s",
        "apay.merchant.platform-key-file=target/test-platform-key.pem"})
class CallbackIT {

    static final ObjectMapper MAPPER = ApayJackson.newMapper();
    /** path -> how many attempts to refuse before answering "success" */
    static final Map<String, Integer> FAILURES_BEFORE_SUCCESS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    static final List<Map<String, String>> RECEIVED = new CopyOnWriteArrayList<>();
    /** path -> what the n-th hit (1-based) is answered, for receivers that need more than fail-then-succeed */
    static final Map<String, IntFunction<Reply>> SCRIPTS = new ConcurrentHashMap<>();
    static final HttpServer RECEIVER = startReceiver();

    /** An answer of the receiver, given once {@code gate} (if any) opens. */
    record Reply(int status, String body, CountDownLatch gate) {
    }

    @TestConfiguration
    static class Counting {
        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }
    }

    @LocalServerPort int port;
    @Autowired StatementCounter counter;
    @Autowired RabbitTemplate rabbit;
    @Autowired MqNames names;
    @Autowired CallbackService callbacks;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager txManager;
    @Autowired PlatformKey platformKey;
    @Autowired CallbackProperties props;
    @TempDir Path dir;

    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    @AfterAll
    static void stop() {
        RECEIVER.stop(0);
    }

    String receiverUrl(String path) {
        return "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + path;
    }

    static OrderView order(String orderNo, String status) {
        return new OrderView(orderNo, "M1", "MO-" + orderNo, status, "CNY", new BigDecimal("100.00"), new BigDecimal("100.03"),
                "USDT", new BigDecimal("13.888888"), new BigDecimal("7.200000"), "ALIPAY", new BigDecimal("13.611110"),
                new BigDecimal("0.277778"), null, null, Instant.parse("2026-11-26T12:15:00Z"), Instant.parse("2026-11-26T12:00:00Z"),
                Instant.parse("2026-11-26T12:03:00Z"), Instant.parse("2026-11-26T12:03:01Z"), null);
    }

    void publish(String eventId, OrderView order, String notifyUrl) throws Exception {
        MessageProperties p = new MessageProperties();
        p.setMessageId(eventId);
        p.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        rabbit.send(names.exchange("otc"), "order." + order.status().toLowerCase(),
                MessageBuilder.withBody(MAPPER.writeValueAsBytes(new OrderStatusEvent(order, notifyUrl))).andProperties(p).build());
    }

    void deliverDueUntil(BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("callback not settled in time").isLessThan(deadline);
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc-api/merchant/callbacks/deliver-due"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(100);
        }
    }

    String status(String orderNo) {
        List<String> s = jdbc.queryForList("SELECT status FROM callback_delivery WHERE order_no = ?", String.class, orderNo);
        return s.isEmpty() ? null : s.get(0);
    }

    @Test
    void aReceiverThatFailsFiveTimesGetsTheCallbackOnceItAcknowledgesEveryAttemptLogged() throws Exception {
        FAILURES_BEFORE_SUCCESS.put("/notify/flaky", 5);
        String eventId = UUID.randomUUID().toString();
        publish(eventId, order("P1", "COMPLETED"), receiverUrl("/notify/flaky"));
        publish(eventId, order("P1", "COMPLETED"), receiverUrl("/notify/flaky")); // a duplicate delivery of the event
        deliverDueUntil(() -> "DELIVERED".equals(status("P1")));

        CallbackService.Delivery d = callbacks.deliveriesOf("M1", "P1").get(0);
        assertThat(callbacks.deliveriesOf("M1", "P1")).hasSize(1);
        // the delivery's unique key (merchant, order, event type) is the event's mark: none kept in processed_event
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", Integer.class, eventId)).isZero();
        assertThat(d.attempts()).isEqualTo(6);
        assertThat(d.attemptLog()).hasSize(6);
        assertThat(d.attemptLog().subList(0, 5)).allSatisfy(a -> {
            assertThat(a.acknowledged()).isFalse();
            assertThat(a.httpStatus()).isEqualTo(500);
            assertThat(a.responseSnippet()).isEqualTo("try later");
        });
        assertThat(d.attemptLog().get(5).acknowledged()).isTrue();
        assertThat(d.attemptLog().get(5).responseSnippet()).isEqualTo("success");
        assertThat(HITS.get("/notify/flaky").get()).isEqualTo(6);

        // the body the merchant got is what was signed, and openssl verifies it with the platform's public key
        Map<String, String> last = RECEIVED.stream().filter(r -> r.get("path").equals("/notify/flaky")).reduce((a, b) -> b).orElseThrow();
        JsonNode body = MAPPER.readTree(last.get("body"));
        assertThat(body.get("eventType").asText()).isEqualTo("ORDER_COMPLETED");
        assertThat(body.get("orderNo").asText()).isEqualTo("P1");
        assertThat(body.get("payableAmount").asText()).isEqualTo("100.03");
        assertThat(body.get("notifyId").asText()).isEqualTo(d.notifyId());
        HttpResponse<String> key = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/merchant-api/platform-key")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Files.writeString(dir.resolve("platform.pem"), MAPPER.readTree(key.body()).at("/data/publicKeyPem").asText());
        Files.writeString(dir.resolve("body.json"), last.get("body"));
        Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(last.get("x-signature")));
        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", "platform.pem", "-signature", "sig.bin", "body.json")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(openssl.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()).isEqualTo("Verified OK");
    }

    /**
     * A callback recorded just now is attempted with what its insert knew: its id comes back with the insert, the
     * insert itself claims attempt 1, and the first attempt needs neither a claim of its own nor the attempt count nor
     * the signed body read back (three round trips fewer per order, one of them a commit).
     */
    @Test
    void aNewCallbacksFirstAttemptReadsNothingBackThatItsInsertKnew() throws Exception {
        String test = Thread.currentThread().getName();
        counter.start();
        publish(UUID.randomUUID().toString(), order("Q1", "COMPLETED"), receiverUrl("/notify/q1"));
        Await.until(() -> "DELIVERED".equals(status("Q1")), Duration.ofSeconds(30), "the first attempt delivered Q1");
        List<StatementCounter.Call> service = counter.stop().stream().filter(c -> !c.thread().equals(test)).toList();

        assertThat(service).extracting(StatementCounter.Call::what)
                .anyMatch(w -> w.startsWith("INSERT INTO callback_delivery"))
                .anyMatch(w -> w.startsWith("UPDATE callback_delivery SET status = 'DELIVERED'"))
                .noneMatch(w -> w.startsWith("UPDATE callback_delivery SET status = IF("))
                .noneMatch(w -> w.startsWith("SELECT") && w.contains("FROM callback_delivery"));
        CallbackService.Delivery d = callbacks.deliveriesOf("M1", "Q1").get(0);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.attemptLog()).singleElement().satisfies(a -> assertThat(a.acknowledged()).isTrue());
        assertThat(HITS.get("/notify/q1").get()).isEqualTo(1);
    }

    /**
     * A new delivery is claimed for its first attempt by its insert; if that attempt never runs (the process dies
     * after the commit, or the callback pool is full), the delivery is held only until the lease ends, then the retry
     * job makes the attempt, once.
     */
    @Test
    void aFirstAttemptThatNeverRanIsMadeByTheRetryJobOnceItsLeaseEnds() throws Exception {
        String path = "/notify/lost-first";
        CallbackService losingItsPool = new CallbackService(jdbc, txManager, platformKey,
                new CallbackSender(props, HostResolver.SYSTEM), props, task -> { }, Clock.systemUTC());
        long id = losingItsPool.enqueue("M1", "P12", "ORDER_COMPLETED", receiverUrl(path), Map.of("orderNo", "P12"));

        CallbackService.Delivery claimed = callbacks.delivery(id);
        assertThat(claimed.status()).isEqualTo("PENDING");
        assertThat(claimed.attempts()).isEqualTo(1);
        assertThat(claimed.attemptLog()).isEmpty();
        assertThat(claimed.nextAttemptAt()).isAfter(Instant.now().plusMillis(500)); // the 2 s lease of this test's context
        assertThat(callbacks.deliverDue(100)).as("claimed while the lease holds").isZero();
        assertThat(hits(path)).isZero();

        deliverDueUntil(() -> "DELIVERED".equals(status("P12")));
        CallbackService.Delivery d = callbacks.delivery(id);
        assertThat(hits(path)).isEqualTo(1);
        assertThat(d.attemptLog()).singleElement().satisfies(a -> {
            assertThat(a.attemptNo()).isEqualTo(2);
            assertThat(a.acknowledged()).isTrue();
        });
    }

    /**
     * A first attempt that waited in the callback pool past half of the lease its insert took does not send on that
     * claim (the retry job may take the delivery once the lease ends, and two attempts must never run at once): it
     * goes through a claim like any other, which fails while the lease holds; the retry job sends it afterwards, once.
     */
    @Test
    void aFirstAttemptThatWaitedPastHalfItsLeaseGoesThroughAClaim() throws Exception {
        String path = "/notify/late-first";
        Executor late = task -> new Thread(() -> {
            try {
                Thread.sleep(1200); // the test context's lease is 2 s
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            task.run();
        }).start();
        CallbackService slowPool = new CallbackService(jdbc, txManager, platformKey, new CallbackSender(props, HostResolver.SYSTEM), props,
                late, Clock.systemUTC());
        long id = slowPool.enqueue("M1", "P13", "ORDER_COMPLETED", receiverUrl(path), Map.of("orderNo", "P13"));
        Thread.sleep(1500);
        assertThat(hits(path)).as("the late task sent nothing").isZero();
        deliverDueUntil(() -> "DELIVERED".equals(status("P13")));
        assertThat(hits(path)).isEqualTo(1);
        assertThat(callbacks.delivery(id).attemptLog()).singleElement().satisfies(a -> assertThat(a.attemptNo()).isEqualTo(2));
    }

    @Test
    void aDeliveryGivesUpAfterTheScheduleAndCanBeRedeliveredByHand() throws Exception {
        FAILURES_BEFORE_SUCCESS.put("/notify/down", Integer.MAX_VALUE);
        publish(UUID.randomUUID().toString(), order("P2", "EXPIRED"), receiverUrl("/notify/down"));
        deliverDueUntil(() -> "GAVE_UP".equals(status("P2")));
        CallbackService.Delivery d = callbacks.deliveriesOf("M1", "P2").get(0);
        assertThat(d.attempts()).isEqualTo(12); // the first and the 11 retries of the schedule
        assertThat(d.eventType()).isEqualTo("ORDER_EXPIRED");

        FAILURES_BEFORE_SUCCESS.put("/notify/down", 0);
        CallbackService.Delivery again = callbacks.redeliver(d.id());
        assertThat(again.status()).isEqualTo("DELIVERED");
        assertThat(again.attemptLog()).hasSize(13);
    }

    @Test
    void aTestCallbackAnswersWithItsOneAttemptMadeThere() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/merchant-api/callbacks/test"))
                    .header("X-Apay-Merchant-Id", "M1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"notifyUrl\":\"" + receiverUrl("/notify/test") + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode d = MAPPER.readTree(r.body()).get("data");
            assertThat(d.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(d.get("attemptLog")).hasSize(1);
        }
        assertThat(HITS.get("/notify/test").get()).isEqualTo(5); // one POST per test callback, never a second one
    }

    /**
     * A test callback is one POST, whatever it is answered: a failed one is not retried along the schedule (one
     * merchant call must not make the platform POST a dozen times to any host), nor can it be redelivered.
     */
    @Test
    void aFailedTestCallbackIsAttemptedOnceNeverRetriedNorRedelivered() throws Exception {
        String path = "/notify/test-down";
        SCRIPTS.put(path, n -> new Reply(500, "try later", null));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/merchant-api/callbacks/test"))
                .header("X-Apay-Merchant-Id", "M1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"notifyUrl\":\"" + receiverUrl(path) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode d = MAPPER.readTree(r.body()).get("data");
        assertThat(d.get("status").asText()).isEqualTo("GAVE_UP");
        assertThat(d.path("nextAttemptAt").isMissingNode() || d.path("nextAttemptAt").isNull()).as("no next attempt").isTrue();
        assertThat(d.get("attemptLog")).hasSize(1);
        long id = d.get("id").asLong();

        // the retry job runs well past the first waits of the schedule (200 ms here), and a redelivery is asked for
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < until) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc-api/merchant/callbacks/deliver-due"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            Thread.sleep(100);
        }
        CallbackService.Delivery after = callbacks.redeliver(id);
        Thread.sleep(300); // anything the pool was still sending
        assertThat(hits(path)).as("POSTs to the receiver").isEqualTo(1);
        assertThat(after.status()).isEqualTo("GAVE_UP");
        assertThat(callbacks.delivery(id).attemptLog()).hasSize(1);
        assertThat(callbacks.delivery(id).attempts()).isEqualTo(1);
    }

    /** A test callback left PENDING after its one attempt (recorded before this rule) is not picked up again. */
    @Test
    void aTestCallbackPendingAfterItsAttemptIsNotRetriedByTheJob() throws Exception {
        String path = "/notify/test-legacy";
        SCRIPTS.put(path, n -> new Reply(500, "try later", null));
        long id = callbacks.record("M1", null, CallbackService.TEST_EVENT, receiverUrl(path), Map.of("message", "apay test callback"));
        jdbc.update("UPDATE callback_delivery SET attempts = 1, next_attempt_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minusSeconds(60)), id);
        for (int i = 0; i < 5; i++) {
            callbacks.deliverDue(100);
            Thread.sleep(100);
        }
        assertThat(hits(path)).as("POSTs to the receiver").isZero();
        assertThat(callbacks.delivery(id).attempts()).isEqualTo(1);
    }

    @Test
    void onlyTerminalStatusesCauseCallbacks() throws Exception {
        publish(UUID.randomUUID().toString(), order("P3", "PAID"), receiverUrl("/notify/ok"));
        publish(UUID.randomUUID().toString(), order("P3", "CANCELLED"), receiverUrl("/notify/ok"));
        deliverDueUntil(() -> "DELIVERED".equals(status("P3")));
        assertThat(jdbc.queryForList("SELECT event_type FROM callback_delivery WHERE order_no = 'P3'", String.class))
                .containsExactly("ORDER_CANCELLED");
    }

    int hits(String path) {
        AtomicInteger n = HITS.get(path);
        return n == null ? 0 : n.get();
    }

    void awaitHits(String path, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hits(path) < n) {
            assertThat(System.nanoTime()).as("receiver not reached in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** A delivery that ran through its schedule, as a merchant would find it before asking for a redelivery. */
    long gaveUp(String orderNo, String path) {
        long id = callbacks.record("M1", orderNo, "ORDER_COMPLETED", receiverUrl(path), Map.of("orderNo", orderNo));
        jdbc.update("UPDATE callback_delivery SET status = 'GAVE_UP', attempts = 12, next_attempt_at = NULL WHERE id = ?", id);
        return id;
    }

    @Test
    void twoRedeliveriesAtOnceMakeOneAttempt() throws Exception {
        String path = "/notify/concurrent";
        CountDownLatch release = new CountDownLatch(1);
        SCRIPTS.put(path, n -> new Reply(200, "success", release));
        long id = gaveUp("P10", path);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<CallbackService.Delivery> first = pool.submit(() -> callbacks.redeliver(id));
            awaitHits(path, 1);
            Future<CallbackService.Delivery> second = pool.submit(() -> callbacks.redeliver(id));
            // the second request, while the first attempt holds the delivery: give it every chance to send too
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (!second.isDone() && hits(path) < 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            release.countDown();
            first.get(20, TimeUnit.SECONDS);
            second.get(20, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(hits(path)).as("POSTs to the receiver").isEqualTo(1);
        CallbackService.Delivery d = callbacks.delivery(id);
        assertThat(d.status()).isEqualTo("DELIVERED");
        assertThat(d.attemptLog()).hasSize(1);
    }

    @Test
    void aLateFailureOfAnAttemptWhoseLeaseRanOutNeverOverwritesDelivered() throws Exception {
        String path = "/notify/late";
        CountDownLatch release = new CountDownLatch(1);
        SCRIPTS.put(path, n -> n == 1 ? new Reply(500, "try later", release) : new Reply(200, "success", null));
        long id = gaveUp("P11", path);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CallbackService.Delivery> stale = pool.submit(() -> callbacks.redeliver(id));
            awaitHits(path, 1);
            Thread.sleep(2500); // the first attempt outlives its 2 s lease: it is taken for dead
            assertThat(callbacks.redeliver(id).status()).isEqualTo("DELIVERED");
            release.countDown(); // now the stale attempt sees its 500
            stale.get(20, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        CallbackService.Delivery d = callbacks.delivery(id);
        assertThat(d.status()).isEqualTo("DELIVERED");
        assertThat(d.deliveredAt()).isNotNull();
        assertThat(d.nextAttemptAt()).isNull();
        assertThat(d.attemptLog()).extracting(CallbackService.Attempt::httpStatus).containsExactlyInAnyOrder(500, 200);
        assertThat(hits(path)).isEqualTo(2);
    }

    @Test
    void aTestCallbackShowsOnlyTheStatusAndAShortPrintableSnippetOfWhatTheHostAnswered() throws Exception {
        String path = "/notify/oracle";
        String body = "\u001b[2J\u001b[31mroot\u0000:x:0:0\r\n\u202Egnp.exe\u0007" + "x".repeat(80) + "SECRET-aws_secret_access_key=wJalr"
                + "y".repeat(10_000);
        SCRIPTS.put(path, n -> new Reply(403, body, null));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/merchant-api/callbacks/test"))
                .header("X-Apay-Merchant-Id", "M1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"notifyUrl\":\"" + receiverUrl(path) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("SECRET");
        JsonNode attempt = MAPPER.readTree(r.body()).at("/data/attemptLog/0");
        assertThat(attempt.get("httpStatus").asInt()).isEqualTo(403);
        String snippet = attempt.get("responseSnippet").asText();
        assertThat(snippet).hasSizeLessThanOrEqualTo(64).matches("[\\x20-\\x7E]*");
        assertThat(jdbc.queryForList("SELECT a.response_snippet FROM callback_attempt a JOIN callback_delivery d ON d.id = a.delivery_id"
                + " WHERE d.notify_url = ?", String.class, receiverUrl(path)))
                .singleElement().satisfies(s -> assertThat(s).hasSizeLessThanOrEqualTo(64).matches("[\\x20-\\x7E]*").doesNotContain("SECRET"));
    }

    private static HttpServer startReceiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                int n = HITS.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                RECEIVED.add(Map.of("path", path, "body", body, "x-signature", exchange.getRequestHeaders().getFirst("X-Signature")));
                IntFunction<Reply> script = SCRIPTS.get(path);
                boolean ok = n > FAILURES_BEFORE_SUCCESS.getOrDefault(path, 0);
                Reply reply = script != null ? script.apply(n) : new Reply(ok ? 200 : 500, ok ? "success" : "try later", null);
                if (reply.gate() != null) {
                    try {
                        reply.gate().await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(reply.status(), out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool()); // a held answer must not hold up the others
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
