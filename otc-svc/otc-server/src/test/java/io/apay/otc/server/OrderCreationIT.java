package io.apay.otc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.mq.OutboxRelay;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import io.apay.common.test.StatementCounter;
import io.apay.common.test.Await;
import io.apay.otc.server.mq.PushEventListener;
import io.apay.otc.server.service.OrderService;
import io.apay.otc.server.service.PaymentReports;
import io.apay.push.api.event.PaymentReceivedEvent;
import io.apay.push.api.message.PaymentChannel;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creating a payment order through otc-svc's RPC endpoint (POST /rpc-api/otc/orders) on the real MariaDB: how many
 * statements and transactions one order sends (counted by {@link StatementCounter}, so a change that adds some fails
 * here), and the rules the creation must keep (docs/otc-order.md, "Creating an order"): the repeat of a merchant order
 * number, the candidates' order and filters, the channel asked for, the first pass that skips a locked ad and the
 * second that waits for it, and the unique payable amount. Rows are written here; the outbox relay is off and driven
 * by hand, so its statements can be counted too.
 */
@ApayIntegrationTest(properties = {"apay.outbox.relay-enabled=false",
        // no ledger: the order's coin check lets the order through at once (whatever listens on the local port)
        "spring.cloud.discovery.client.simple.instances.ledger-svc[0].uri=http://127.0.0.1:1"})
@Import(OrderCreationIT.Counting.class)
class OrderCreationIT {

    /**
     * What one created order may send to MariaDB at most, on the request's thread: statements (the candidates; then in
     * one transaction the ad's lock, its reserve, the taken amounts, the order, its amount, its outbox event), and
     * round trips (statements plus the transaction's steps: autocommit off, commit, autocommit on).
     */
    static final int MAX_STATEMENTS_PER_ORDER = 7;
    static final int MAX_ROUND_TRIPS_PER_ORDER = 10;
    /** What relaying its one outbox event may send at most (common-mq's OutboxRelay, woken once per order). */
    static final int MAX_RELAY_STATEMENTS_PER_ORDER = 2;
    static final int MAX_RELAY_ROUND_TRIPS_PER_ORDER = 5;

    static final ObjectMapper JSON = ApayJackson.newMapper();

    @TestConfiguration
    static class Counting {
        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired DataSource dataSource;
    @Autowired StatementCounter counter;
    @Autowired OutboxRelay relay;
    @Autowired OrderService orderService;
    @Autowired PaymentReports paymentReports;
    @Autowired PushEventListener pushEvents;
    @Autowired PlatformTransactionManager txManager;
    @Autowired @Qualifier("settleExecutor") ThreadPoolTaskExecutor settlePool;
    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    @BeforeEach
    void clean() {
        for (String t : List.of("payment_order", "payment_report", "payable_amount_slot", "ad_channel", "acceptor_ad", "acceptor", "outbox_event")) {
            jdbc.update("DELETE FROM " + t);
        }
    }

    // ---- rows ----

    void acceptor(long userId, boolean online) {
        jdbc.update("INSERT INTO acceptor (user_id, display_name, status, margin_coin, margin_amount, margin_hold_id, applied_at,"
                + " online, presence_epoch, presence_phase, presence_at, updated_at) VALUES (?, ?, 'ACTIVE', 'USDT', 1000, 5,"
                + " '2026-02-01 00:00:00', ?, 10, ?, '2026-03-01 10:00:00', '2026-03-01 10:00:00')", userId, "A" + userId, online,
                online ? 0 : 1);
    }

    void setOnline(long userId, boolean online) {
        jdbc.update("UPDATE acceptor SET online = ? WHERE user_id = ?", online, userId);
    }

    /** An ACTIVE ad of 300 USDT at 7.2 CNY for 10 to 1000 CNY, with its channels listed in this order. */
    void ad(long id, long acceptorId, String lastAssignedAt, String... channels) {
        jdbc.update("INSERT INTO acceptor_ad (id, acceptor_id, coin, fiat_currency, rate, min_fiat, max_fiat, total_coin, available_coin,"
                + " hold_id, status, last_assigned_at, created_at, updated_at) VALUES (?, ?, 'USDT', 'CNY', 7.2, 10, 1000,"
                + " 500, 300, 11, 'ACTIVE', ?, '2026-02-01 00:00:00', '2026-02-01 00:00:00')", id, acceptorId, lastAssignedAt);
        for (String channel : channels) {
            jdbc.update("INSERT INTO ad_channel (ad_id, channel, payee_name, payee_account) VALUES (?, ?, 'Amy Li', ?)",
                    id, channel, channel.toLowerCase() + id + "@example.com");
        }
    }

    Map<String, Object> row(String orderNo) {
        return jdbc.queryForMap("SELECT acceptor_id, ad_id, channel, payable_amount, coin_amount, status FROM payment_order WHERE order_no = ?",
                orderNo);
    }

    /** The order.assigned message written to the outbox for this order (push-svc sends it to the monitor). */
    JsonNode assignedMessage(String orderNo) throws Exception {
        List<String> payloads = jdbc.queryForList("SELECT payload FROM outbox_event WHERE routing_key = 'send.order.assigned'"
                + " AND payload LIKE ?", String.class, "%\"" + orderNo + "\"%");
        assertThat(payloads).hasSize(1);
        return JSON.readTree(payloads.get(0));
    }

    // ---- calls ----

    static Map<String, Object> request(String merchantOrderNo, String fiat) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("merchantNo", "M1");
        r.put("merchantOrderNo", merchantOrderNo);
        r.put("fiatAmount", fiat);
        r.put("fiatCurrency", "CNY");
        r.put("coin", "USDT");
        r.put("notifyUrl", "http://m.example/notify");
        r.put("expireMinutes", 15);
        return r;
    }

    static Map<String, Object> with(Map<String, Object> r, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(r);
        copy.put(key, value);
        return copy;
    }

    /** POST /rpc-api/otc/orders as merchant-api-svc sends it; the envelope with the HTTP status added. */
    JsonNode create(Map<String, Object> body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc-api/otc/orders"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        ObjectNode json = (ObjectNode) JSON.readTree(r.body());
        json.put("httpStatus", r.statusCode());
        return json;
    }

    /** A created order's data (the call must succeed). */
    JsonNode created(Map<String, Object> body) throws Exception {
        JsonNode r = create(body);
        assertThat(r.get("httpStatus").asInt()).as(r.toString()).isEqualTo(200);
        return r.get("data");
    }

    static void assertRefused(JsonNode r, int httpStatus, int code) {
        assertThat(r.get("httpStatus").asInt()).as(r.toString()).isEqualTo(httpStatus);
        assertThat(r.get("code").asInt()).as(r.toString()).isEqualTo(code);
    }

    // ---- 1. what one order costs the database ----

    @Test
    void anOrderSendsAtMostTheseStatementsInOneTransactionAndItsEventOneRelayRound() throws Exception {
        acceptor(7, true);
        acceptor(8, true);
        acceptor(9, false);
        ad(1, 9, "2026-01-01 00:00:00", "ALIPAY");            // the least recently assigned, but its monitor is offline
        ad(2, 7, "2026-02-01 00:00:00", "ALIPAY", "WECHAT");
        ad(3, 8, "2026-02-02 00:00:00", "ALIPAY", "BANK");
        created(request("MO-warm", "99.00")); // the first call of everything (not counted)
        relay.relayBatch();

        int orders = 12;
        List<List<StatementCounter.Call>> perOrder = new ArrayList<>();
        List<List<StatementCounter.Call>> perRelay = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            counter.start();
            JsonNode o;
            try {
                o = created(request("MO-count-" + i, (100 + i) + ".00"));
            } finally {
                perOrder.add(counter.stop());
            }
            assertThat(o.get("status").asText()).isEqualTo("CREATED");
            counter.start();
            int sent;
            try {
                sent = relay.relayBatch();
            } finally {
                perRelay.add(counter.stop());
            }
            assertThat(sent).isEqualTo(1);
        }
        // round robin over the two online acceptors; the offline one's ad got nothing
        assertThat(jdbc.queryForList("SELECT DISTINCT acceptor_id FROM payment_order", Long.class)).containsExactlyInAnyOrder(7L, 8L);

        System.out.println("statements of one created order (POST /rpc-api/otc/orders), as sent:");
        perOrder.get(0).forEach(c -> System.out.println("  [" + c.thread() + "] " + c.what()));
        System.out.println("and of relaying its event:");
        perRelay.get(0).forEach(c -> System.out.println("  [" + c.thread() + "] " + c.what()));
        for (int i = 0; i < orders; i++) {
            List<StatementCounter.Call> calls = perOrder.get(i);
            List<StatementCounter.Call> relayed = perRelay.get(i);
            long statements = calls.stream().filter(StatementCounter.Call::isStatement).count();
            long commits = calls.stream().filter(c -> c.what().equals("commit")).count();
            long relayStatements = relayed.stream().filter(StatementCounter.Call::isStatement).count();
            System.out.printf("ORDER-DB-COST order %d: %d statements, %d round trips (%d commit); relay: %d statements, %d round trips%n",
                    i, statements, calls.size(), commits, relayStatements, relayed.size());
            assertThat(statements).as("statements of order %d: %s", i, calls).isLessThanOrEqualTo(MAX_STATEMENTS_PER_ORDER);
            assertThat(calls).as("round trips of order %d", i).hasSizeLessThanOrEqualTo(MAX_ROUND_TRIPS_PER_ORDER);
            assertThat(commits).as("transactions of order %d: %s", i, calls).isEqualTo(1);
            assertThat(calls).noneMatch(c -> c.what().equals("rollback"));
            assertThat(relayStatements).as("relay of order %d: %s", i, relayed).isLessThanOrEqualTo(MAX_RELAY_STATEMENTS_PER_ORDER);
            assertThat(relayed).as("relay round trips of order %d", i).hasSizeLessThanOrEqualTo(MAX_RELAY_ROUND_TRIPS_PER_ORDER);
        }
    }

    // ---- 1b. what a monitor's payment of an order costs the database ----

    /**
     * A report that pays the open order holding its amount: in the consumer's transaction one read (the amount's slot
     * and its order), the report inserted already MATCHED, and the one UPDATE that makes the order PAID; the
     * settlement that follows the commit does not read the order again (only marks its attempt, conditionally), and
     * reads the ad's ledger hold only for the ad's first order.
     */
    @Test
    void aPaymentThatPaysAnOrderIsReadOnceWrittenOnceAndMarksItsSettlementWithThePayment() throws Exception {
        acceptor(7, true);
        // an ad id no other test settled on: otc-svc remembers an ad's hold for the context's life
        ad(ThreadLocalRandom.current().nextLong(1_000, 1_000_000), 7, "2026-01-01 00:00:00", "ALIPAY");
        for (int i = 0; i < 2; i++) {
            JsonNode o = created(request("MO-pay-" + i, (100 + i) + ".00"));
            String reportId = UUID.randomUUID().toString();
            List<StatementCounter.Call> calls = payAndSettle(new PaymentReceivedEvent(reportId, 7, "dev-1", "n-" + reportId,
                    PaymentChannel.ALIPAY, new BigDecimal(o.get("payableAmount").asText()), "CNY", "buyer", Instant.now(), Instant.now(), 1));
            List<String> consumer = calls.stream().filter(c -> c.thread().equals(Thread.currentThread().getName()) && c.isStatement())
                    .map(StatementCounter.Call::what).toList();
            List<String> settle = calls.stream().filter(c -> c.thread().startsWith("settle-") && c.isStatement())
                    .map(StatementCounter.Call::what).toList();
            assertThat(consumer).as("the consumer's statements").hasSize(3);
            assertThat(consumer.get(0)).startsWith("SELECT o.* FROM payable_amount_slot s JOIN payment_order o");
            assertThat(consumer.get(1)).startsWith("INSERT INTO payment_report");
            assertThat(consumer.get(2)).startsWith("UPDATE payment_order SET status=?");
            // the settlement: the attempt's mark (conditional on PAID), then, for the ad's first order only, its hold
            assertThat(settle.get(0)).startsWith("UPDATE payment_order SET settle_attempted_at");
            if (i == 0) {
                assertThat(settle).as("the first settlement on the ad, before its ledger call").hasSize(2);
                assertThat(settle.get(1)).contains("FROM acceptor_ad");
            } else {
                assertThat(settle).as("a later settlement on the same ad knows its hold").hasSize(1);
            }

            Map<String, Object> report = jdbc.queryForMap("SELECT id, status, order_id, unmatched_reason FROM payment_report WHERE report_id = ?",
                    reportId);
            Map<String, Object> order = jdbc.queryForMap("SELECT id, status, payment_report_id, settle_attempted_at FROM payment_order"
                    + " WHERE order_no = ?", o.get("orderNo").asText());
            assertThat(report.get("status")).isEqualTo("MATCHED");
            assertThat(report.get("unmatched_reason")).isNull();
            assertThat(((Number) report.get("order_id")).longValue()).isEqualTo(((Number) order.get("id")).longValue());
            assertThat(order.get("status")).isEqualTo("PAID");
            assertThat(((Number) order.get("payment_report_id")).longValue()).isEqualTo(((Number) report.get("id")).longValue());
            assertThat(order.get("settle_attempted_at")).as("marked by the settlement's attempt").isNotNull();
        }
    }

    /**
     * push-svc's event for a report delivered twice: the report's id is its row's unique key, so the second delivery
     * stores and pays nothing, and no processed_event mark is kept for it.
     */
    @Test
    void aPaymentReportDeliveredTwiceIsStoredAndPaysOnce() throws Exception {
        acceptor(7, true);
        ad(1, 7, "2026-01-01 00:00:00", "ALIPAY");
        JsonNode o = created(request("MO-twice", "100.00"));
        String reportId = UUID.randomUUID().toString();
        MessageProperties p = new MessageProperties();
        p.setMessageId(UUID.randomUUID().toString());
        Message delivery = new Message(JSON.writeValueAsBytes(new PaymentReceivedEvent(reportId, 7, "dev-1", "n-" + reportId,
                PaymentChannel.ALIPAY, new BigDecimal(o.get("payableAmount").asText()), "CNY", "buyer", Instant.now(), Instant.now(), 1)), p);

        pushEvents.onPayment(delivery);
        Map<String, Object> paid = jdbc.queryForMap("SELECT status, payment_report_id, updated_at FROM payment_order WHERE order_no = ?",
                o.get("orderNo").asText());
        assertThat(paid.get("status")).isEqualTo("PAID");
        pushEvents.onPayment(delivery);

        assertThat(jdbc.queryForMap("SELECT status, payment_report_id, updated_at FROM payment_order WHERE order_no = ?",
                o.get("orderNo").asText())).isEqualTo(paid);
        assertThat(jdbc.queryForList("SELECT status FROM payment_report WHERE report_id = ?", String.class, reportId)).containsExactly("MATCHED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment_report", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", Integer.class,
                p.getMessageId())).isZero();
    }

    /** The report consumed as push-svc's event is, and the settlement after the commit (no ledger here: outcome unknown). */
    List<StatementCounter.Call> payAndSettle(PaymentReceivedEvent paid) throws InterruptedException {
        // an earlier test's settlement still on the pool would count as this one's
        Await.until(() -> settlePool.getActiveCount() == 0 && settlePool.getThreadPoolExecutor().getQueue().isEmpty(),
                Duration.ofSeconds(20), "the settle pool idle");
        long settled = settlePool.getThreadPoolExecutor().getCompletedTaskCount();
        List<StatementCounter.Call> calls;
        counter.start();
        try {
            new TransactionTemplate(txManager).executeWithoutResult(s -> paymentReports.onPaymentReceived(paid));
            Await.until(() -> settlePool.getThreadPoolExecutor().getCompletedTaskCount() > settled, Duration.ofSeconds(20),
                    "the settlement after the commit");
        } finally {
            calls = counter.stop();
        }
        return calls;
    }

    // ---- 2. the repeat of a merchant order number ----

    @Test
    void aRepeatAnswersTheSameOrderAndChangesNothingAndADifferentRequestIsRefused() throws Exception {
        acceptor(7, true);
        ad(1, 7, "2026-01-01 00:00:00", "ALIPAY", "WECHAT");
        Map<String, Object> first = request("MO-1", "100.00");
        JsonNode o = created(first);
        Map<String, Object> adBefore = jdbc.queryForMap("SELECT available_coin, last_assigned_at, updated_at FROM acceptor_ad WHERE id = 1");

        JsonNode again = created(first);
        assertThat(again.get("orderNo").asText()).isEqualTo(o.get("orderNo").asText());
        assertThat(again.get("payableAmount").asText()).isEqualTo("100.00");
        assertThat(again.get("channel").asText()).isEqualTo("ALIPAY");
        assertThat(again.get("cashierUrl").asText()).isEqualTo(o.get("cashierUrl").asText());
        // the same order with the channel it got, named or not
        assertThat(created(with(first, "channel", "ALIPAY")).get("orderNo").asText()).isEqualTo(o.get("orderNo").asText());

        for (Map<String, Object> different : List.of(with(first, "fiatAmount", "100.01"), with(first, "notifyUrl", "http://m.example/other"),
                with(first, "channel", "WECHAT"), with(first, "coin", "USDC"), with(first, "fiatCurrency", "USD"))) {
            assertRefused(create(different), 409, 16004);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment_order", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payable_amount_slot", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT available_coin, last_assigned_at, updated_at FROM acceptor_ad WHERE id = 1")).isEqualTo(adBefore);
        // another merchant may use the same number
        assertThat(created(with(first, "merchantNo", "M2")).get("orderNo").asText()).isNotEqualTo(o.get("orderNo").asText());
    }

    @Test
    void aRepeatIsAnsweredEvenWhenNoAdCouldTakeTheOrderNowAndAConflictStaysAConflict() throws Exception {
        acceptor(7, true);
        ad(1, 7, "2026-01-01 00:00:00", "ALIPAY");
        Map<String, Object> first = request("MO-1", "100.00");
        String orderNo = created(first).get("orderNo").asText();

        setOnline(7, false); // no acceptor now
        assertThat(created(first).get("orderNo").asText()).isEqualTo(orderNo);
        assertRefused(create(with(first, "fiatAmount", "100.50")), 409, 16004);
        assertRefused(create(request("MO-2", "100.00")), 503, 16002);

        setOnline(7, true);
        jdbc.update("UPDATE acceptor_ad SET min_fiat = 500 WHERE id = 1"); // out of every ad's range now
        assertThat(created(first).get("orderNo").asText()).isEqualTo(orderNo);
        assertRefused(create(with(first, "fiatAmount", "100.50")), 409, 16004);
        assertRefused(create(request("MO-2", "100.00")), 400, 16003);

        jdbc.update("UPDATE acceptor_ad SET status = 'PAUSED', min_fiat = 10 WHERE id = 1"); // no ad at all
        assertThat(created(first).get("orderNo").asText()).isEqualTo(orderNo);
        assertRefused(create(with(first, "fiatAmount", "100.50")), 409, 16004);
        assertRefused(create(request("MO-2", "100.00")), 503, 16002);

        // a closed order is answered as it is now
        orderService.close("M1", orderNo);
        JsonNode closed = created(first);
        assertThat(closed.get("orderNo").asText()).isEqualTo(orderNo);
        assertThat(closed.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment_order", Integer.class)).isEqualTo(1);
    }

    // ---- 3. candidates ----

    @Test
    void adsAreTriedLeastRecentlyAssignedFirstAndOnlyThoseOfOnlineActiveAcceptorsNotPausedByAnOperator() throws Exception {
        acceptor(7, true);
        acceptor(8, false);
        acceptor(9, true);
        jdbc.update("UPDATE acceptor SET operator_paused_at = '2026-03-01 10:00:00', operator_paused_by = 5 WHERE user_id = 9");
        acceptor(10, true);
        jdbc.update("UPDATE acceptor SET status = 'LEAVING' WHERE user_id = 10");
        acceptor(11, true);
        ad(1, 8, "2026-01-01 00:00:00", "ALIPAY");
        ad(2, 9, "2026-01-02 00:00:00", "ALIPAY");
        ad(3, 10, "2026-01-03 00:00:00", "ALIPAY");
        ad(4, 7, "2026-01-05 00:00:00", "ALIPAY");
        ad(5, 11, "2026-01-04 00:00:00", "ALIPAY");
        ad(6, 11, "2026-01-01 00:00:00", "ALIPAY"); // the oldest of all, but paused by its acceptor
        jdbc.update("UPDATE acceptor_ad SET status = 'PAUSED' WHERE id = 6");
        ad(7, 7, "2026-01-01 00:00:00", "ALIPAY");  // as old, but for other amounts
        jdbc.update("UPDATE acceptor_ad SET min_fiat = 500 WHERE id = 7");

        List<Long> ads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ads.add(((Number) row(created(request("MO-" + i, "100.00")).get("orderNo").asText()).get("ad_id")).longValue());
        }
        assertThat(ads).containsExactly(5L, 4L, 5L);
        setOnline(8, true); // back online: its ad is the least recently assigned
        assertThat(row(created(request("MO-8", "100.00")).get("orderNo").asText()).get("ad_id")).isEqualTo(1L);
    }

    @Test
    void adsOfAcceptorsWhoCannotTakeOrdersNeverCrowdOutAnOnlineOne() throws Exception {
        // offline acceptors' ads stay ACTIVE (until the stale-ad check) and are never assigned, so they gather at
        // the front of the round robin: more of them than the candidates' limit must not hide an online acceptor
        for (long id = 1; id <= 60; id++) {
            acceptor(100 + id, false);
            ad(id, 100 + id, "2026-01-01 00:00:00", "ALIPAY");
        }
        acceptor(7, true);
        ad(99, 7, "2026-01-09 00:00:00", "ALIPAY");
        assertThat(row(created(request("MO-1", "100.00")).get("orderNo").asText()).get("ad_id")).isEqualTo(99L);
    }

    @Test
    void theChannelAskedForIsHonouredAndOtherwiseAnAdsFirstListedChannelIsUsed() throws Exception {
        acceptor(7, true);
        acceptor(8, true);
        ad(1, 7, "2026-01-01 00:00:00", "ALIPAY");
        ad(2, 8, "2026-01-02 00:00:00", "BANK", "WECHAT");

        JsonNode wechat = created(with(request("MO-1", "100.00"), "channel", "WECHAT"));
        assertThat(wechat.get("channel").asText()).isEqualTo("WECHAT");
        assertThat(row(wechat.get("orderNo").asText()).get("acceptor_id")).isEqualTo(8L);
        JsonNode any = created(request("MO-2", "100.00")); // ad 1 is now the least recently assigned
        assertThat(any.get("channel").asText()).isEqualTo("ALIPAY");
        JsonNode next = created(request("MO-3", "100.00"));
        assertThat(next.get("channel").asText()).isEqualTo("BANK");
        assertThat(row(next.get("orderNo").asText()).get("acceptor_id")).isEqualTo(8L);
        assertThat(created(with(request("MO-4", "100.00"), "channel", "ALIPAY")).get("channel").asText()).isEqualTo("ALIPAY");
        jdbc.update("DELETE FROM ad_channel WHERE channel = 'WECHAT'");
        assertRefused(create(with(request("MO-5", "100.00"), "channel", "WECHAT")), 503, 16002);
    }

    @Test
    void anOrderNoAdCanTakeIsRefusedWithTheReason() throws Exception {
        assertRefused(create(request("MO-1", "100.00")), 503, 16002);          // no ad at all
        acceptor(7, false);
        ad(1, 7, "2026-01-01 00:00:00", "ALIPAY");
        assertRefused(create(request("MO-1", "5000.00")), 400, 16003);         // outside every ad's range
        assertRefused(create(request("MO-1", "100.00")), 503, 16002);          // in range, nobody online
        assertRefused(create(with(request("MO-1", "100.00"), "fiatCurrency", "USD")), 400, 16006);
        setOnline(7, true);
        jdbc.update("UPDATE acceptor_ad SET available_coin = 1 WHERE id = 1");
        assertRefused(create(request("MO-1", "100.00")), 503, 16002);          // not enough coin left
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment_order", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Integer.class)).isZero();
    }

    // ---- 4. the first pass skips a locked ad, the second waits for it ----

    @Test
    void anAdLockedByAnotherOrderIsSkippedWhileAnotherCanTakeTheOrderAndWaitedForOtherwise() throws Exception {
        acceptor(7, true);
        acceptor(8, true);
        ad(1, 7, "2026-01-01 00:00:00", "ALIPAY");
        ad(2, 8, "2026-01-02 00:00:00", "ALIPAY");
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM acceptor_ad WHERE id = 1 FOR UPDATE")) {
                lock.executeQuery().close();
            }
            // ad 1 goes first, but another transaction holds it: the order goes to ad 2 at once
            assertThat(row(created(request("MO-1", "100.00")).get("orderNo").asText()).get("ad_id")).isEqualTo(2L);

            // only ad 1 now: the order waits for it
            setOnline(8, false);
            CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return created(request("MO-2", "100.00"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1_000);
            assertThat(waiting).isNotDone();
            other.commit();
            JsonNode o = waiting.get(30, TimeUnit.SECONDS);
            assertThat(row(o.get("orderNo").asText()).get("ad_id")).isEqualTo(1L);
        }
    }

    // ---- 5. the unique payable amount ----

    @Test
    void thePayableAmountIsTheSmallestFreeOneAndAnAmountWhoseQuarantineIsOverIsTakenOver() throws Exception {
        acceptor(7, true);
        ad(1, 7, "2026-01-01 00:00:00", "ALIPAY", "WECHAT");
        jdbc.update("INSERT INTO payable_amount_slot (acceptor_id, channel, fiat_currency, payable_amount, order_id, free_after) VALUES"
                + " (7, 'ALIPAY', 'CNY', 100.00, 900001, NULL),"                                   // held by an open order
                + " (7, 'WECHAT', 'CNY', 100.00, 900002, UTC_TIMESTAMP(3) + INTERVAL 10 MINUTE),"  // quarantined
                + " (7, 'ALIPAY', 'CNY', 100.01, 900003, UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE)");  // quarantine over

        JsonNode o = created(request("MO-1", "100.00"));
        assertThat(o.get("payableAmount").asText()).isEqualTo("100.01");
        assertThat(o.get("channel").asText()).isEqualTo("ALIPAY");
        long id = jdbc.queryForObject("SELECT id FROM payment_order WHERE order_no = ?", Long.class, o.get("orderNo").asText());
        assertThat(jdbc.queryForObject("SELECT order_id FROM payable_amount_slot WHERE channel = 'ALIPAY' AND payable_amount = 100.01"
                + " AND free_after IS NULL", Long.class)).isEqualTo(id);
        assertThat(new BigDecimal(row(o.get("orderNo").asText()).get("payable_amount").toString())).isEqualByComparingTo("100.01");
        JsonNode message = assignedMessage(o.get("orderNo").asText());
        assertThat(message.get("payableAmount").asText()).isEqualTo("100.01");
        assertThat(message.get("channel").asText()).isEqualTo("ALIPAY");
        assertThat(message.get("acceptorId").asLong()).isEqualTo(7);

        // every ALIPAY amount is held now: the next free one is on the ad's other channel
        jdbc.update("INSERT INTO payable_amount_slot (acceptor_id, channel, fiat_currency, payable_amount, order_id)"
                + " SELECT 7, 'ALIPAY', 'CNY', 200.00 + seq / 100, 800000 + seq FROM seq_0_to_99");
        JsonNode other = created(request("MO-2", "200.00"));
        assertThat(other.get("payableAmount").asText()).isEqualTo("200.00");
        assertThat(other.get("channel").asText()).isEqualTo("WECHAT");
        assertThat(assignedMessage(other.get("orderNo").asText()).get("channel").asText()).isEqualTo("WECHAT");
    }

    @Test
    void anAmountTakenByAConcurrentOrderIsPassedOverAndTheOrderAndItsMessageCarryTheAmountTaken() throws Exception {
        acceptor(7, true);
        ad(1, 7, "2026-01-01 00:00:00", "ALIPAY");
        try (Connection other = dataSource.getConnection()) {
            // another order takes 100.00 and has not committed yet: this order's read of the taken amounts misses it
            other.setAutoCommit(false);
            try (PreparedStatement take = other.prepareStatement("INSERT INTO payable_amount_slot (acceptor_id, channel, fiat_currency,"
                    + " payable_amount, order_id) VALUES (7, 'ALIPAY', 'CNY', 100.00, 900001)")) {
                take.executeUpdate();
            }
            CompletableFuture<JsonNode> creating = CompletableFuture.supplyAsync(() -> {
                try {
                    return created(request("MO-1", "100.00"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1_000); // the order waits on the other's uncommitted row of 100.00
            other.commit();
            JsonNode o = creating.get(30, TimeUnit.SECONDS);
            assertThat(o.get("payableAmount").asText()).isEqualTo("100.01");
            Map<String, Object> stored = row(o.get("orderNo").asText());
            assertThat(new BigDecimal(stored.get("payable_amount").toString())).isEqualByComparingTo("100.01");
            assertThat(stored.get("channel")).isEqualTo("ALIPAY");
            assertThat(assignedMessage(o.get("orderNo").asText()).get("payableAmount").asText()).isEqualTo("100.01");
            assertThat(jdbc.queryForList("SELECT CONCAT(payable_amount, ':', order_id) FROM payable_amount_slot ORDER BY payable_amount",
                    String.class)).containsExactly("100.00:900001", "100.01:" + jdbc.queryForObject(
                    "SELECT id FROM payment_order WHERE order_no = ?", Long.class, o.get("orderNo").asText()));
        }
    }

    /**
     * The read of the taken amounts reads only the ad's channels within the order's range (a range of the primary
     * key), however many amounts the acceptor used before: their rows stay for reuse, so their number only grows.
     */
    @Test
    void theReadOfTheTakenAmountsReadsOnlyTheAdsChannelsWithinTheOrdersRange() throws Exception {
        acceptor(7, true);
        ad(1, 7, "2026-01-01 00:00:00", "ALIPAY");
        jdbc.update("INSERT INTO payable_amount_slot (acceptor_id, channel, fiat_currency, payable_amount, order_id)"
                // 3000 amounts used before, far from this order's: on the ad's channel and on the acceptor's others
                + " SELECT 7, ELT(1 + seq % 3, 'ALIPAY', 'WECHAT', 'BANK'), 'CNY', 500.00 + (seq DIV 3) / 100, 700000 + seq FROM seq_0_to_2999"
                // 200 within its range, on the acceptor's other channels
                + " UNION ALL SELECT 7, ELT(1 + seq % 2, 'WECHAT', 'BANK'), 'CNY', 100.00 + (seq DIV 2) / 100, 710000 + seq FROM seq_0_to_199"
                // and the one amount that matters here
                + " UNION ALL SELECT 7, 'ALIPAY', 'CNY', 100.00, 720000");

        counter.start();
        JsonNode o;
        List<StatementCounter.Call> calls;
        try {
            o = created(request("MO-1", "100.00"));
        } finally {
            calls = counter.stop();
        }
        assertThat(o.get("payableAmount").asText()).isEqualTo("100.01");
        StatementCounter.Call read = calls.stream().filter(c -> c.what().startsWith("SELECT CONCAT(channel")).findFirst().orElseThrow();
        long rows = rowsRead(read);
        System.out.println("ORDER-DB-COST the read of the taken amounts reads " + rows + " rows of the acceptor's "
                + jdbc.queryForObject("SELECT COUNT(*) FROM payable_amount_slot WHERE acceptor_id = 7", Integer.class));
        assertThat(rows).as(read.what()).isLessThanOrEqualTo(100); // at most the range (100 amounts) on the ad's one channel
    }

    /** How many rows a recorded SELECT reads, as MariaDB's ANALYZE counts them when it runs it again. */
    long rowsRead(StatementCounter.Call select) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("ANALYZE FORMAT=JSON " + select.what())) {
            for (int i = 0; i < select.params().size(); i++) {
                ps.setObject(i + 1, select.params().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                long rows = 0;
                for (JsonNode n : JSON.readTree(rs.getString(1)).findValues("r_rows")) {
                    rows += n.asLong();
                }
                return rows;
            }
        }
    }

    /** What the create call answers is what is stored (and what a later read answers). */
    @Test
    void theCreatedOrderAnsweredIsTheOrderStored() throws Exception {
        acceptor(7, true);
        ad(1, 7, "2026-01-01 00:00:00", "ALIPAY");
        JsonNode o = created(with(request("MO-1", "100.00"), "returnUrl", "https://shop.example/back"));
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/rpc-api/otc/orders/" + o.get("orderNo").asText() + "?merchantNo=M1")).GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode stored = JSON.readTree(read.body()).get("data");
        for (String field : List.of("orderNo", "merchantNo", "merchantOrderNo", "status", "fiatCurrency", "fiatAmount", "payableAmount",
                "coin", "coinAmount", "rate", "channel", "cashierUrl", "returnUrl")) {
            assertThat(o.get(field)).as(field).isEqualTo(stored.get(field));
        }
        assertThat(o.get("coinAmount").asText()).isEqualTo("13.888888");
        assertThat(o.get("fiatAmount").asText()).isEqualTo("100.00");
        assertThat(Duration.between(java.time.Instant.parse(o.get("createdAt").asText()), java.time.Instant.parse(o.get("expiresAt").asText())))
                .isEqualTo(Duration.ofMinutes(15));
    }
}
