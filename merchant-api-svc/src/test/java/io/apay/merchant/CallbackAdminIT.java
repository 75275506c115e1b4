package io.apay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.merchant.MerchantHttp.Reply;
import io.apay.merchant.service.callback.CallbackService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operators' callback delivery log (/admin-api/merchant/callbacks): list with filters, one delivery with its
 * attempts, a redelivery by hand (the merchant's own mechanism), the dashboard's counts, and who may do what.
 * Setup as {@link CallbackIT}: the real database, a local receiver, a short retry schedule.
 */
@ApayIntegrationTest(properties = {
        "apay.merchant.callbacks.retry-schedule=1h,1h,1h",
        "apay.merchant.callbacks.lease=2s",
        "apay.merchant.platform-key-file=target/test-platform-key.pem"})
class CallbackAdminIT {

    static final ObjectMapper MAPPER = MerchantHttp.MAPPER;
    /** path -> the status each hit (1-based) is answered with; "success" with 200, else "try later" */
    static final Map<String, List<Integer>> REPLIES = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    static final List<String> BODIES = new CopyOnWriteArrayList<>();
    static final HttpServer RECEIVER = startReceiver();

    @LocalServerPort int port;
    @Autowired CallbackService callbacks;
    @Autowired JdbcTemplate jdbc;


    @AfterAll
    static void stop() {
        RECEIVER.stop(0);
    }

    Reply call(String method, String path, Object body, String roles) throws Exception {
        return new MerchantHttp(port).admin(method, path, body, roles);
    }

    String url(String path) {
        return "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + path;
    }

    int hits(String path) {
        AtomicInteger n = HITS.get(path);
        return n == null ? 0 : n.get();
    }

    long record(String merchantNo, String orderNo, String path) {
        return callbacks.record(merchantNo, orderNo, "ORDER_COMPLETED", url(path), Map.of("orderNo", orderNo));
    }

    void set(long id, String status, int attempts, Instant deliveredAt) {
        jdbc.update("UPDATE callback_delivery SET status = ?, attempts = ?, next_attempt_at = ?, delivered_at = ? WHERE id = ?",
                status, attempts, "PENDING".equals(status) ? Timestamp.from(Instant.now().plusSeconds(3600)) : null,
                deliveredAt == null ? null : Timestamp.from(deliveredAt), id);
    }

    static List<Long> ids(Reply r) {
        List<Long> ids = new ArrayList<>();
        r.data().get("list").forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    @Test
    void theListFiltersByMerchantOrderStatusAndFailingNewestFirst() throws Exception {
        long pending = record("LA1", "LO1", "/list/a");
        long failing = record("LA1", "LO2", "/list/b");
        set(failing, "PENDING", 2, null);
        long gaveUp = record("LA1", "LO3", "/list/c");
        set(gaveUp, "GAVE_UP", 4, null);
        long delivered = record("LA1", "LO4", "/list/d");
        set(delivered, "DELIVERED", 1, Instant.now());
        long other = record("LA2", "LO1", "/list/e");

        Reply all = call("GET", "/admin-api/merchant/callbacks?merchantNo=LA1", null, "SUPPORT");
        assertThat(all.status()).as(all.body().toString()).isEqualTo(200);
        assertThat(ids(all)).containsExactly(delivered, gaveUp, failing, pending);
        assertThat(all.data().get("total").asLong()).isEqualTo(4);
        JsonNode row = all.data().get("list").get(0);
        assertThat(row.get("merchantNo").asText()).isEqualTo("LA1");
        assertThat(row.get("orderNo").asText()).isEqualTo("LO4");
        assertThat(row.get("eventType").asText()).isEqualTo("ORDER_COMPLETED");
        assertThat(row.get("notifyUrl").asText()).isEqualTo(url("/list/d"));
        assertThat(row.get("notifyId").asText()).hasSize(32);
        assertThat(row.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(row.get("attempts").asInt()).isEqualTo(1);
        assertThat(row.has("payload")).as("the list leaves the body out").isFalse();

        assertThat(ids(call("GET", "/admin-api/merchant/callbacks?orderNo=LO1", null, "SUPPORT"))).containsExactly(other, pending);
        assertThat(ids(call("GET", "/admin-api/merchant/callbacks?merchantNo=LA1&status=GAVE_UP", null, "FINANCE")))
                .containsExactly(gaveUp);
        assertThat(ids(call("GET", "/admin-api/merchant/callbacks?merchantNo=LA1&status=PENDING", null, "RISK")))
                .containsExactly(failing, pending);
        assertThat(ids(call("GET", "/admin-api/merchant/callbacks?merchantNo=LA1&failing=true", null, "SUPPORT")))
                .containsExactly(gaveUp, failing);
        Reply paged = call("GET", "/admin-api/merchant/callbacks?merchantNo=LA1&pageNo=2&pageSize=3", null, "SUPPORT");
        assertThat(ids(paged)).containsExactly(pending);
        assertThat(paged.data().get("total").asLong()).isEqualTo(4);
        assertThat(ids(call("GET", "/admin-api/merchant/callbacks?merchantNo=NOBODY", null, "SUPPORT"))).isEmpty();
    }

    @Test
    void aStatusNotOfTheListIsRefusedAndAnUnknownDeliveryIsNotFound() throws Exception {
        Reply bad = call("GET", "/admin-api/merchant/callbacks?status=FAILED", null, "SUPPORT");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo(10001);
        assertThat(bad.body().toString()).contains("PENDING, DELIVERED, GAVE_UP");
        assertThat(call("GET", "/admin-api/merchant/callbacks?pageSize=500", null, "SUPPORT").code()).isEqualTo(10001);

        Reply missing = call("GET", "/admin-api/merchant/callbacks/987654321", null, "SUPPORT");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo(20010);
        Reply missingRedeliver = call("POST", "/admin-api/merchant/callbacks/987654321/redeliver", Map.of("reason", "lost"), "MERCHANT_MANAGER");
        assertThat(missingRedeliver.status()).isEqualTo(404);
        assertThat(missingRedeliver.code()).isEqualTo(20010);
    }

    @Test
    void aFailedDeliveryShowsItsAttemptsAndAnOperatorRedeliversIt() throws Exception {
        String path = "/notify/redeliver";
        REPLIES.put(path, List.of(500, 200));
        long id = record("RA1", "RO1", path);
        callbacks.attemptIfDue(id); // the first attempt: refused with a 500, the next is an hour away

        Reply detail = call("GET", "/admin-api/merchant/callbacks/" + id, null, "SUPPORT");
        assertThat(detail.status()).as(detail.body().toString()).isEqualTo(200);
        JsonNode d = detail.data();
        assertThat(d.get("status").asText()).isEqualTo("PENDING");
        assertThat(d.get("attemptCount").asInt()).isEqualTo(1);
        assertThat(d.get("lastHttpStatus").asInt()).isEqualTo(500);
        assertThat(d.get("lastAttemptAt").asText()).isNotBlank();
        assertThat(Instant.parse(d.get("nextAttemptAt").asText())).isAfter(Instant.now().plusSeconds(3000));
        assertThat(MAPPER.readTree(d.get("payload").asText()).get("orderNo").asText()).isEqualTo("RO1");
        assertThat(d.get("payload").asText()).isEqualTo(BODIES.get(BODIES.size() - 1)); // the exact body sent
        assertThat(d.get("attempts")).hasSize(1);
        JsonNode first = d.get("attempts").get(0);
        assertThat(first.get("attemptNo").asInt()).isEqualTo(1);
        assertThat(first.get("httpStatus").asInt()).isEqualTo(500);
        assertThat(first.get("responseSnippet").asText()).isEqualTo("try later");
        assertThat(first.get("acknowledged").asBoolean()).isFalse();
        assertThat(first.has("latencyMs")).isTrue();
        assertThat(first.get("attemptedAt").asText()).isNotBlank();

        // reading is for every role; redelivering needs MERCHANT_MANAGE
        Reply refused = call("POST", "/admin-api/merchant/callbacks/" + id + "/redeliver", Map.of("reason", "merchant asked"), "SUPPORT");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo(10011);
        assertThat(call("POST", "/admin-api/merchant/callbacks/" + id + "/redeliver", Map.of("reason", "merchant asked"), "FINANCE,RISK")
                .code()).isEqualTo(10011);
        assertThat(call("GET", "/admin-api/merchant/callbacks/" + id, null, null).status()).isEqualTo(401);
        Reply noReason = call("POST", "/admin-api/merchant/callbacks/" + id + "/redeliver", Map.of(), "MERCHANT_MANAGER");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.code()).isEqualTo(10001);
        assertThat(hits(path)).isEqualTo(1);

        Reply redelivered = call("POST", "/admin-api/merchant/callbacks/" + id + "/redeliver",
                Map.of("reason", "merchant fixed its endpoint"), "MERCHANT_MANAGER");
        assertThat(redelivered.status()).as(redelivered.body().toString()).isEqualTo(200);
        assertThat(redelivered.data().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(redelivered.data().get("attempts").asInt()).isEqualTo(2);
        assertThat(redelivered.data().get("lastHttpStatus").asInt()).isEqualTo(200);
        assertThat(redelivered.data().get("deliveredAt").asText()).isNotBlank();
        assertThat(hits(path)).as("the second attempt reached the receiver").isEqualTo(2);
        JsonNode attempts = call("GET", "/admin-api/merchant/callbacks/" + id, null, "SUPPORT").data().get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).get("acknowledged").asBoolean()).isTrue();
        assertThat(attempts.get(1).get("responseSnippet").asText()).isEqualTo("success");

        Map<String, Object> log = jdbc.queryForMap("SELECT * FROM op_log WHERE operation = 'merchant.callback.redeliver' AND outcome = 'SUCCESS'"
                + " AND reason = 'merchant fixed its endpoint'");
        assertThat(log.get("actor_id")).isEqualTo("5");
        assertThat((String) log.get("before_state")).contains("\"status\":\"PENDING\"");
        assertThat((String) log.get("after_state")).contains("\"status\":\"DELIVERED\"");
    }

    /** The merchant lost a callback it had acknowledged: an operator sends it again, and it is delivered again. */
    @Test
    void aDeliveredCallbackMayBeRedeliveredByAnOperator() throws Exception {
        String path = "/notify/lost";
        REPLIES.put(path, List.of(200, 200));
        long id = record("RA2", "RO2", path);
        callbacks.attemptIfDue(id);
        assertThat(callbacks.delivery(id).status()).isEqualTo("DELIVERED");

        Reply again = call("POST", "/admin-api/merchant/callbacks/" + id + "/redeliver", Map.of("reason", "merchant lost it"), "SUPER_ADMIN");
        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.data().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(again.data().get("attempts").asInt()).isEqualTo(2);
        assertThat(hits(path)).isEqualTo(2);
        assertThat(BODIES.get(BODIES.size() - 1)).isEqualTo(BODIES.get(BODIES.size() - 2)); // the same signed body
    }

    /**
     * The merchant acknowledged a callback once: an operator's redelivery that the receiver refuses is logged as an
     * attempt, but the delivery stays DELIVERED with its first delivery time (not failing, still delivered today),
     * also when the retry schedule is used up; its lease ends with the attempt, so another redelivery may follow at once.
     */
    @Test
    void aRefusedRedeliveryOfADeliveredCallbackLeavesItDelivered() throws Exception {
        String path = "/notify/delivered-then-down";
        REPLIES.put(path, List.of(200, 500, 500));
        long id = record("RA4", "RO4", path);
        callbacks.attemptIfDue(id);
        CallbackService.Delivery delivered = callbacks.delivery(id);
        assertThat(delivered.status()).isEqualTo("DELIVERED");
        Instant deliveredAt = delivered.deliveredAt();

        Reply r = call("POST", "/admin-api/merchant/callbacks/" + id + "/redeliver", Map.of("reason", "merchant lost it"), "MERCHANT_MANAGER");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.data().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(Instant.parse(r.data().get("deliveredAt").asText())).isEqualTo(deliveredAt);
        assertThat(r.data().get("attempts").asInt()).isEqualTo(2);
        assertThat(r.data().get("lastHttpStatus").asInt()).isEqualTo(500);
        assertThat(r.data().has("nextAttemptAt")).as("nothing is scheduled for a delivered callback").isFalse();
        assertThat(hits(path)).isEqualTo(2);
        assertThat(BODIES.get(BODIES.size() - 1)).isEqualTo(BODIES.get(BODIES.size() - 2)); // the same signed body
        JsonNode attempts = call("GET", "/admin-api/merchant/callbacks/" + id, null, "SUPPORT").data().get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).get("httpStatus").asInt()).isEqualTo(500);
        assertThat(attempts.get(1).get("acknowledged").asBoolean()).isFalse();
        assertThat(ids(call("GET", "/admin-api/merchant/callbacks?merchantNo=RA4&failing=true", null, "SUPPORT"))).isEmpty();
        assertThat(ids(call("GET", "/admin-api/merchant/callbacks?merchantNo=RA4&status=DELIVERED", null, "SUPPORT"))).containsExactly(id);

        // the schedule used up (3 retries): one more refused redelivery, at once (the lease ended), still DELIVERED
        jdbc.update("UPDATE callback_delivery SET attempts = 4 WHERE id = ?", id);
        Reply again = call("POST", "/admin-api/merchant/callbacks/" + id + "/redeliver", Map.of("reason", "once more"), "MERCHANT_MANAGER");
        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.data().get("status").asText()).isEqualTo("DELIVERED");
        assertThat(Instant.parse(again.data().get("deliveredAt").asText())).isEqualTo(deliveredAt);
        assertThat(again.data().get("attempts").asInt()).isEqualTo(5);
        assertThat(hits(path)).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT leased_until IS NULL AND next_attempt_at IS NULL FROM callback_delivery WHERE id = ?",
                Boolean.class, id)).isTrue();
        // the due scan never picks it up
        assertThat(callbacks.deliverDue(100)).isZero();
        assertThat(hits(path)).isEqualTo(3);
    }

    /**
     * A redelivery that sends nothing (another attempt holds the delivery, or a TEST callback was already sent once)
     * is refused with 409 / 20011, so the console shows it and the op-log records a failure.
     */
    @Test
    void aRedeliveryThatSendsNothingIsAConflict() throws Exception {
        String held = "/notify/held";
        long id = record("RA5", "RO5", held);
        jdbc.update("UPDATE callback_delivery SET leased_until = ? WHERE id = ?", Timestamp.from(Instant.now().plusSeconds(3600)), id);
        Reply busy = call("POST", "/admin-api/merchant/callbacks/" + id + "/redeliver", Map.of("reason", "held by another"), "MERCHANT_MANAGER");
        assertThat(busy.status()).as(busy.body().toString()).isEqualTo(409);
        assertThat(busy.code()).isEqualTo(20011);
        assertThat(hits(held)).isZero();
        assertThat(callbacks.delivery(id).attempts()).isZero();

        String testPath = "/notify/test-once";
        long test = callbacks.record("RA5", null, CallbackService.TEST_EVENT, url(testPath), Map.of());
        callbacks.attemptIfDue(test);
        assertThat(hits(testPath)).isEqualTo(1);
        Reply once = call("POST", "/admin-api/merchant/callbacks/" + test + "/redeliver", Map.of("reason", "test again"), "MERCHANT_MANAGER");
        assertThat(once.status()).as(once.body().toString()).isEqualTo(409);
        assertThat(once.code()).isEqualTo(20011);
        assertThat(hits(testPath)).isEqualTo(1);

        assertThat(jdbc.queryForList("SELECT CONCAT(reason, ':', error_code) FROM op_log WHERE operation = 'merchant.callback.redeliver'"
                + " AND outcome = 'FAILURE' AND reason IN ('held by another', 'test again') ORDER BY id", String.class))
                .containsExactly("held by another:20011", "test again:20011");
    }

    /** A redelivery the receiver still refuses leaves the delivery due along the schedule, as the merchant's own does. */
    @Test
    void aRedeliveryThatFailsAgainStaysPendingForTheNextAttempt() throws Exception {
        String path = "/notify/still-down";
        REPLIES.put(path, List.of(500, 500));
        long id = record("RA3", "RO3", path);
        set(id, "GAVE_UP", 4, null);
        Reply r = call("POST", "/admin-api/merchant/callbacks/" + id + "/redeliver", Map.of("reason", "try once more"), "MERCHANT_MANAGER");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.data().get("attempts").asInt()).isEqualTo(5);
        assertThat(r.data().get("status").asText()).isEqualTo("GAVE_UP"); // past the 3 retries of the schedule
        assertThat(r.data().get("lastHttpStatus").asInt()).isEqualTo(500);
        assertThat(hits(path)).isEqualTo(1);
    }

    @Test
    void theSummaryCountsPendingFailingGaveUpAndDeliveredToday() throws Exception {
        Reply before = call("GET", "/admin-api/merchant/callbacks/summary", null, "SUPPORT");
        assertThat(before.status()).as(before.body().toString()).isEqualTo(200);

        record("SA1", "SO1", "/sum/a");                                        // pending, never tried
        set(record("SA1", "SO2", "/sum/b"), "PENDING", 1, null);               // pending and failing
        set(record("SA1", "SO3", "/sum/c"), "PENDING", 3, null);               // pending and failing
        set(record("SA1", "SO4", "/sum/d"), "GAVE_UP", 4, null);
        set(record("SA1", "SO5", "/sum/e"), "DELIVERED", 1, Instant.now());
        Instant startOfDay = Instant.now().truncatedTo(ChronoUnit.DAYS);
        set(record("SA1", "SO6", "/sum/f"), "DELIVERED", 2, startOfDay);       // today, at 00:00 UTC
        set(record("SA1", "SO7", "/sum/g"), "DELIVERED", 1, startOfDay.minusMillis(1)); // yesterday

        Reply after = call("GET", "/admin-api/merchant/callbacks/summary", null, "SUPPORT");
        assertThat(after.data().get("pending").asLong() - before.data().get("pending").asLong()).isEqualTo(3);
        assertThat(after.data().get("failing").asLong() - before.data().get("failing").asLong()).isEqualTo(2);
        assertThat(after.data().get("gaveUp").asLong() - before.data().get("gaveUp").asLong()).isEqualTo(1);
        assertThat(after.data().get("deliveredToday").asLong() - before.data().get("deliveredToday").asLong()).isEqualTo(2);
        assertThat(call("GET", "/admin-api/merchant/callbacks/summary", null, null).status()).isEqualTo(401);
    }

    private static HttpServer startReceiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                int n = HITS.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                List<Integer> script = REPLIES.getOrDefault(path, List.of());
                int status = n <= script.size() ? script.get(n - 1) : 200;
                byte[] out = (status == 200 ? "success" : "try later").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
