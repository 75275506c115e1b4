package io.apay.otc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import io.apay.common.core.error.ServiceException;
import io.apay.otc.api.dto.CreateOrderRequest;
import io.apay.otc.server.service.AcceptorService;
import io.apay.otc.server.service.OrderService;
import io.apay.push.api.event.AcceptorOfflineEvent;
import io.apay.push.api.event.AcceptorOnlineEvent;
import io.apay.push.api.event.OfflineReason;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the operators' web console reads and does in otc-svc: the order search by any number, one order with its
 * timeline, one acceptor with its ads, an operator's pause of an acceptor (which presence and the acceptor's own
 * resume must not undo), and the dashboard's overview. Rows are written here; appeals go through the admin API.
 */
@ApayIntegrationTest
class OtcAdminConsoleIT {

    static final ObjectMapper JSON = ApayJackson.newMapper();
    static final String TODAY = LocalDate.now(ZoneOffset.UTC) + " ";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired AcceptorService acceptorService;
    @Autowired OrderService orderService;
    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    @BeforeEach
    void clean() {
        for (String t : List.of("payment_order", "payment_report", "payable_amount_slot", "ad_channel", "acceptor_ad", "acceptor", "op_log")) {
            jdbc.update("DELETE FROM " + t);
        }
    }

    // ---- rows ----

    void acceptor(long userId, String name, String status, boolean online) {
        jdbc.update("INSERT INTO acceptor (user_id, display_name, status, margin_coin, margin_amount, margin_hold_id, applied_at,"
                + " online, presence_epoch, presence_phase, presence_at, updated_at) VALUES (?, ?, ?, 'USDT', 1000, 5,"
                + " '2026-02-01 00:00:00', ?, 10, ?, '2026-03-01 10:00:00.250', '2026-03-01 10:00:00')", userId, name, status, online,
                online ? 0 : 1);
    }

    void ad(long id, long acceptorId, String status, String pauseReason) {
        jdbc.update("INSERT INTO acceptor_ad (id, acceptor_id, coin, fiat_currency, rate, min_fiat, max_fiat, total_coin, available_coin,"
                + " hold_id, status, pause_reason, last_assigned_at, created_at, updated_at) VALUES (?, ?, 'USDT', 'CNY', 7.2, 10, 1000,"
                + " 500, 300, 11, ?, ?, '2026-02-01 00:00:00', '2026-02-01 00:00:00', '2026-03-01 09:30:00')",
                id, acceptorId, status, pauseReason);
        jdbc.update("INSERT INTO ad_channel (ad_id, channel, payee_name, payee_account) VALUES (?, 'ALIPAY', 'Amy Li', ?)",
                id, "amy" + id + "@example.com");
    }

    /** An order; times are "yyyy-MM-dd HH:mm:ss[.SSS]" (UTC) or null. */
    void order(long id, String no, String merchantNo, String status, String createdAt, String paidAt, String completedAt,
               String closedAt, Long settleTxnId, Long reportRowId) {
        jdbc.update("INSERT INTO payment_order (id, order_no, cashier_token, merchant_no, merchant_order_no, ad_id, acceptor_id, channel,"
                + " fiat_currency, fiat_amount, payable_amount, coin, coin_amount, rate, status, notify_url, expires_at, paid_at,"
                + " completed_at, closed_at, payment_report_id, settle_txn_id, merchant_coin_amount, fee_coin_amount, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, 1, 7, 'ALIPAY', 'CNY', 100, 100.03, 'USDT', 13.888888, 7.2, ?, 'http://x',"
                + " DATE_ADD(?, INTERVAL 15 MINUTE), ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, no, "tok-" + no, merchantNo, "MO-" + no, status,
                createdAt, paidAt, completedAt, closedAt, reportRowId, settleTxnId,
                settleTxnId == null ? null : "13.75", settleTxnId == null ? null : "0.138888", createdAt, createdAt);
    }

    void report(long id, String reportId, String notificationId, String status, String unmatchedReason, Long orderId, String paidAt,
                String createdAt) {
        jdbc.update("INSERT INTO payment_report (id, report_id, acceptor_id, device_id, notification_id, channel, fiat_currency, amount,"
                + " paid_at, status, unmatched_reason, order_id, created_at) VALUES (?, ?, 7, 'md_phone1', ?, 'ALIPAY', 'CNY', 100.03,"
                + " ?, ?, ?, ?, ?)", id, reportId, notificationId, paidAt, status, unmatchedReason, orderId, createdAt);
    }

    // ---- calls ----

    JsonNode call(String method, String path, Object body, String roles) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (roles != null) {
            b.header("X-Apay-Operator-Id", "5").header("X-Apay-Operator-Roles", roles);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        ObjectNode json = (ObjectNode) JSON.readTree(r.body());
        json.put("httpStatus", r.statusCode());
        System.out.println(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        return json;
    }

    JsonNode get(String path) throws Exception {
        JsonNode r = call("GET", path, null, "SUPPORT");
        assertThat(r.get("httpStatus").asInt()).as(r.toString()).isEqualTo(200);
        return r.get("data");
    }

    JsonNode appAs(long userId, String method, String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("X-Apay-User-Id", Long.toString(userId)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        ObjectNode json = (ObjectNode) JSON.readTree(r.body());
        json.put("httpStatus", r.statusCode());
        return json;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> texts(JsonNode list, String field) {
        List<String> all = new ArrayList<>();
        list.forEach(n -> all.add(n.get(field).asText()));
        return all;
    }

    String adStatus(long adId) {
        return jdbc.queryForObject("SELECT CONCAT(status, '/', COALESCE(pause_reason, '-')) FROM acceptor_ad WHERE id = ?", String.class, adId);
    }

    // ---- 1. search ----

    @Test
    void theSearchFindsAnOrderByEachKindOfNumberAndKeepsTheFilters() throws Exception {
        acceptor(7, "Amy", "ACTIVE", true);
        order(1, "P260301100000000001", "M1", "COMPLETED", "2026-03-01 10:00:00", "2026-03-01 10:03:00", "2026-03-01 10:03:01",
                "2026-03-01 10:03:01", 987654321L, 11L);
        order(2, "P260301100000000002", "M1", "CREATED", "2026-03-01 10:01:00", null, null, null, null, null);
        order(3, "P260301100000000003", "M2", "EXPIRED", "2026-03-01 10:02:00", null, null, "2026-03-01 10:20:00", null, null);
        report(11, "rep-aaa", "notif-aaa", "MATCHED", null, 1L, "2026-03-01 10:02:59", "2026-03-01 10:03:00");
        report(12, "rep-late", "notif-late", "UNMATCHED", "ORDER_CLOSED", 3L, "2026-03-01 10:25:00", "2026-03-01 10:25:01");

        Map<String, String> byNumber = Map.of(
                "P260301100000000002", "P260301100000000002",          // order_no
                "MO-P260301100000000003", "P260301100000000003",       // merchant_order_no
                "tok-P260301100000000002", "P260301100000000002",      // cashier token
                "987654321", "P260301100000000001",                    // settle txn id
                "rep-aaa", "P260301100000000001",                      // report id of the matched payment
                "notif-late", "P260301100000000003");                  // notification id of a late payment naming it
        for (Map.Entry<String, String> e : byNumber.entrySet()) {
            JsonNode page = get("/admin-api/otc/orders?q=" + enc(e.getKey()));
            assertThat(texts(page.get("list"), "orderNo")).as(e.getKey()).containsExactly(e.getValue());
            assertThat(page.get("total").asLong()).isEqualTo(1);
        }
        // case matters (identifiers are binary), a number of nothing finds nothing, and the filters still apply with q
        assertThat(get("/admin-api/otc/orders?q=TOK-P260301100000000002").get("list")).isEmpty();
        assertThat(get("/admin-api/otc/orders?q=nothing-here").get("list")).isEmpty();
        assertThat(get("/admin-api/otc/orders?q=987654321&status=CREATED").get("list")).isEmpty();
        assertThat(get("/admin-api/otc/orders?q=987654321&merchantNo=M2").get("list")).isEmpty();
        assertThat(texts(get("/admin-api/otc/orders?q=987654321&merchantNo=M1&status=COMPLETED").get("list"), "orderNo"))
                .containsExactly("P260301100000000001");
        // without q: the filters as before, newest first
        assertThat(texts(get("/admin-api/otc/orders").get("list"), "orderNo"))
                .containsExactly("P260301100000000003", "P260301100000000002", "P260301100000000001");
        assertThat(texts(get("/admin-api/otc/orders?merchantNo=M1").get("list"), "orderNo"))
                .containsExactly("P260301100000000002", "P260301100000000001");
        assertThat(texts(get("/admin-api/otc/orders?q=&status=EXPIRED").get("list"), "orderNo")).containsExactly("P260301100000000003");

        JsonNode tooLong = call("GET", "/admin-api/otc/orders?q=" + "x".repeat(129), null, "SUPPORT");
        assertThat(tooLong.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(tooLong.get("code").asInt()).isEqualTo(10001);
    }

    // ---- 2. one order ----

    @Test
    void aPaidAndCompletedOrderShowsItsReportsAndTimelineInTimeOrder() throws Exception {
        acceptor(7, "Amy", "ACTIVE", true);
        order(1, "P260301100000000001", "M1", "COMPLETED", "2026-03-01 10:00:00", "2026-03-01 10:03:00.100",
                "2026-03-01 10:03:01.500", "2026-03-01 10:03:01.500", 987654321L, 11L);
        report(11, "rep-aaa", "notif-aaa", "MATCHED", null, 1L, "2026-03-01 10:02:58", "2026-03-01 10:03:00.050");
        // a second payment of the same amount after it was paid: kept for review, naming the order
        report(12, "rep-bbb", "notif-bbb", "UNMATCHED", "ORDER_NOT_OPEN", 1L, "2026-03-01 10:05:00", "2026-03-01 10:05:01");

        JsonNode d = get("/admin-api/otc/orders/P260301100000000001");
        assertThat(d.at("/order/orderNo").asText()).isEqualTo("P260301100000000001");
        assertThat(d.at("/order/status").asText()).isEqualTo("COMPLETED");
        assertThat(d.at("/acceptor/userId").asLong()).isEqualTo(7);
        assertThat(d.at("/acceptor/displayName").asText()).isEqualTo("Amy");
        assertThat(texts(d.get("reports"), "reportId")).containsExactly("rep-aaa", "rep-bbb");
        assertThat(d.at("/reports/0/status").asText()).isEqualTo("MATCHED");
        assertThat(d.at("/reports/1/unmatchedReason").asText()).isEqualTo("ORDER_NOT_OPEN");

        JsonNode t = d.get("timeline");
        assertThat(texts(t, "event")).containsExactly("CREATED", "REPORTED", "PAID", "COMPLETED", "REPORTED");
        assertThat(texts(t, "at")).containsExactly("2026-03-01T10:00:00Z", "2026-03-01T10:03:00.050Z", "2026-03-01T10:03:00.100Z",
                "2026-03-01T10:03:01.500Z", "2026-03-01T10:05:01Z");
        JsonNode created = t.get(0).get("detail");
        assertThat(created.get("acceptorId").asLong()).isEqualTo(7);
        assertThat(created.get("adId").asLong()).isEqualTo(1);
        assertThat(created.get("channel").asText()).isEqualTo("ALIPAY");
        assertThat(new BigDecimal(created.get("payableAmount").asText())).isEqualByComparingTo("100.03");
        JsonNode reported = t.get(1).get("detail");
        assertThat(reported.get("reportId").asText()).isEqualTo("rep-aaa");
        assertThat(new BigDecimal(reported.get("amount").asText())).isEqualByComparingTo("100.03");
        assertThat(reported.get("deviceId").asText()).isEqualTo("md_phone1");
        assertThat(reported.get("paidAt").asText()).isEqualTo("2026-03-01T10:02:58Z");
        assertThat(t.get(2).at("/detail/reportId").asText()).isEqualTo("rep-aaa");
        JsonNode completed = t.get(3).get("detail");
        assertThat(completed.get("settleTxnId").asLong()).isEqualTo(987654321L);
        assertThat(new BigDecimal(completed.get("merchantCoinAmount").asText())).isEqualByComparingTo("13.75");
        assertThat(new BigDecimal(completed.get("feeCoinAmount").asText())).isEqualByComparingTo("0.138888");
        assertThat(t.get(4).at("/detail/unmatchedReason").asText()).isEqualTo("ORDER_NOT_OPEN");

        JsonNode unknown = call("GET", "/admin-api/otc/orders/P000000000000000404", null, "SUPPORT");
        assertThat(unknown.get("httpStatus").asInt()).isEqualTo(404);
        assertThat(unknown.get("code").asInt()).isEqualTo(16001);
        assertThat(call("GET", "/admin-api/otc/orders/P260301100000000001", null, null).get("httpStatus").asInt()).isEqualTo(401);
    }

    @Test
    void anAppealedAndResolvedOrderShowsTheOperatorsStepsWithReasons() throws Exception {
        acceptor(7, "Amy", "ACTIVE", true);
        ad(1, 7, "ACTIVE", null);
        String now = jdbc.queryForObject("SELECT DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%d %H:%i:%s.%f')", String.class);
        order(1, "P260301100000000001", "M1", "CREATED", now, null, null, null, null, null);
        order(2, "P260301100000000002", "M1", "CREATED", now, null, null, null, null, null);
        jdbc.update("INSERT INTO payable_amount_slot (acceptor_id, channel, fiat_currency, payable_amount, order_id) VALUES (7, 'ALIPAY', 'CNY', 100.03, 1)");

        JsonNode appeal = call("POST", "/admin-api/otc/orders/P260301100000000001/appeal", Map.of("reason", "buyer says paid, no credit"), "RISK");
        assertThat(appeal.get("httpStatus").asInt()).as(appeal.toString()).isEqualTo(200);
        JsonNode resolve = call("POST", "/admin-api/otc/orders/P260301100000000001/appeal/resolve",
                Map.of("decision", "CANCEL", "reason", "no payment on the statement"), "RISK");
        assertThat(resolve.get("httpStatus").asInt()).as(resolve.toString()).isEqualTo(200);
        assertThat(resolve.at("/data/status").asText()).isEqualTo("CANCELLED");
        // another order's appeal is not this order's
        assertThat(call("POST", "/admin-api/otc/orders/P260301100000000002/appeal", Map.of("reason", "other"), "RISK")
                .get("httpStatus").asInt()).isEqualTo(200);

        JsonNode t = get("/admin-api/otc/orders/P260301100000000001").get("timeline");
        assertThat(texts(t, "event")).containsExactly("CREATED", "APPEAL_OPENED", "APPEAL_RESOLVED", "CANCELLED");
        JsonNode opened = t.get(1).get("detail");
        assertThat(opened.get("reason").asText()).isEqualTo("buyer says paid, no credit");
        assertThat(opened.get("operatorId").asText()).isEqualTo("5");
        assertThat(opened.get("from").asText()).isEqualTo("CREATED");
        JsonNode resolved = t.get(2).get("detail");
        assertThat(resolved.get("decision").asText()).isEqualTo("CANCEL");
        assertThat(resolved.get("reason").asText()).isEqualTo("no payment on the statement");
        assertThat(resolved.get("operatorId").asText()).isEqualTo("5");
        List<Instant> times = new ArrayList<>();
        t.forEach(e -> times.add(Instant.parse(e.get("at").asText())));
        assertThat(times).isSorted();
        assertThat(texts(get("/admin-api/otc/orders/P260301100000000002").get("timeline"), "event"))
                .containsExactly("CREATED", "APPEAL_OPENED");
    }

    // ---- 3. acceptors ----

    @Test
    void anAcceptorWithPresenceMarginAndAdsAndTheListWithOnlineAndActiveAds() throws Exception {
        acceptor(7, "Amy", "ACTIVE", true);
        acceptor(8, "Bob", "ACTIVE", false);
        ad(1, 7, "ACTIVE", null);
        ad(2, 7, "PAUSED", "BY_ACCEPTOR");
        ad(3, 7, "ACTIVE", null);
        ad(4, 8, "ACTIVE", null);

        JsonNode a = get("/admin-api/otc/acceptors/7");
        assertThat(a.get("userId").asLong()).isEqualTo(7);
        assertThat(a.get("displayName").asText()).isEqualTo("Amy");
        assertThat(a.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(a.get("online").asBoolean()).isTrue();
        assertThat(a.get("presenceAt").asText()).isEqualTo("2026-03-01T10:00:00.250Z");
        assertThat(a.get("marginCoin").asText()).isEqualTo("USDT");
        assertThat(new BigDecimal(a.get("marginAmount").asText())).isEqualByComparingTo("1000");
        assertThat(a.get("operatorPaused").asBoolean()).isFalse();
        assertThat(a.get("activeAds").asInt()).isEqualTo(2);
        assertThat(texts(a.get("ads"), "id")).containsExactly("3", "2", "1");
        JsonNode paused = a.get("ads").get(1);
        assertThat(paused.get("coin").asText()).isEqualTo("USDT");
        assertThat(paused.get("fiatCurrency").asText()).isEqualTo("CNY");
        assertThat(new BigDecimal(paused.get("rate").asText())).isEqualByComparingTo("7.2");
        assertThat(new BigDecimal(paused.get("minFiat").asText())).isEqualByComparingTo("10");
        assertThat(new BigDecimal(paused.get("maxFiat").asText())).isEqualByComparingTo("1000");
        assertThat(new BigDecimal(paused.get("totalCoin").asText())).isEqualByComparingTo("500");
        assertThat(new BigDecimal(paused.get("availableCoin").asText())).isEqualByComparingTo("300");
        assertThat(paused.get("status").asText()).isEqualTo("PAUSED");
        assertThat(paused.get("pauseReason").asText()).isEqualTo("BY_ACCEPTOR");
        assertThat(paused.at("/channels/0/channel").asText()).isEqualTo("ALIPAY");
        assertThat(paused.at("/channels/0/payeeName").asText()).isEqualTo("Amy Li");
        assertThat(paused.at("/channels/0/payeeAccount").asText()).isEqualTo("amy2@example.com");

        JsonNode list = get("/admin-api/otc/acceptors").get("list");
        assertThat(texts(list, "userId")).containsExactlyInAnyOrder("7", "8");
        for (JsonNode row : list) {
            assertThat(row.get("activeAds").asInt()).isEqualTo(row.get("userId").asLong() == 7 ? 2 : 1);
            assertThat(row.get("online").asBoolean()).isEqualTo(row.get("userId").asLong() == 7);
        }
        assertThat(texts(get("/admin-api/otc/acceptors?online=true").get("list"), "userId")).containsExactly("7");
        assertThat(texts(get("/admin-api/otc/acceptors?online=false&status=ACTIVE").get("list"), "userId")).containsExactly("8");

        JsonNode unknown = call("GET", "/admin-api/otc/acceptors/999", null, "SUPPORT");
        assertThat(unknown.get("httpStatus").asInt()).isEqualTo(404);
        assertThat(unknown.get("code").asInt()).isEqualTo(16015);
        assertThat(call("GET", "/admin-api/otc/acceptors?online=maybe", null, "SUPPORT").get("httpStatus").asInt()).isEqualTo(400);
    }

    /** An acceptor's detail is bounded: every ad not CLOSED (however old), and only the 20 newest CLOSED ones. */
    @Test
    void anAcceptorShowsEveryLiveAdButOnlyTheTwentyNewestClosedOnes() throws Exception {
        acceptor(7, "Amy", "ACTIVE", true);
        ad(1, 7, "ACTIVE", null);                  // the oldest, still live
        for (long id = 2; id <= 26; id++) {        // 25 closed
            ad(id, 7, "CLOSED", null);
        }
        ad(27, 7, "PAUSED", "BY_ACCEPTOR");
        ad(28, 7, "FAILED", null);
        ad(29, 8, "CLOSED", null);                 // another acceptor's

        JsonNode a = get("/admin-api/otc/acceptors/7");
        List<String> expected = new ArrayList<>(List.of("28", "27"));
        for (long id = 26; id >= 7; id--) {
            expected.add(Long.toString(id));
        }
        expected.add("1");
        assertThat(texts(a.get("ads"), "id")).containsExactlyElementsOf(expected);
        assertThat(a.get("activeAds").asInt()).isEqualTo(1);
        for (JsonNode ad : a.get("ads")) {
            assertThat(ad.at("/channels/0/payeeAccount").asText()).isEqualTo("amy" + ad.get("id").asText() + "@example.com");
        }
    }

    // ---- 4. pause / resume ----

    @Test
    void anOperatorsPauseSurvivesPresenceAndTheAcceptorsOwnResumeAndOnlyTheOperatorsResumeLiftsIt() throws Exception {
        acceptor(7, "Amy", "ACTIVE", true);
        ad(1, 7, "ACTIVE", null);
        ad(2, 7, "PAUSED", "BY_ACCEPTOR");
        ad(3, 7, "ACTIVE", null);

        JsonNode denied = call("POST", "/admin-api/otc/acceptors/7/pause", Map.of("reason", "fraud check"), "SUPPORT");
        assertThat(denied.get("httpStatus").asInt()).isEqualTo(403);
        JsonNode noReason = call("POST", "/admin-api/otc/acceptors/7/pause", Map.of(), "RISK");
        assertThat(noReason.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(adStatus(1)).isEqualTo("ACTIVE/-");

        JsonNode paused = call("POST", "/admin-api/otc/acceptors/7/pause", Map.of("reason", "fraud check"), "RISK");
        assertThat(paused.get("httpStatus").asInt()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.at("/data/operatorPaused").asBoolean()).isTrue();
        assertThat(adStatus(1)).isEqualTo("PAUSED/BY_OPERATOR");
        assertThat(adStatus(2)).isEqualTo("PAUSED/BY_ACCEPTOR");
        assertThat(adStatus(3)).isEqualTo("PAUSED/BY_OPERATOR");
        // a repeat is harmless
        assertThat(call("POST", "/admin-api/otc/acceptors/7/pause", Map.of("reason", "again"), "RISK").get("httpStatus").asInt()).isEqualTo(200);
        assertThat(adStatus(1)).isEqualTo("PAUSED/BY_OPERATOR");

        // the monitor goes offline and comes back online: nothing resumes
        acceptorService.onOffline(new AcceptorOfflineEvent(7, 11, OfflineReason.CLOSED, Instant.now()));
        acceptorService.onOnline(new AcceptorOnlineEvent(7, 12, "md_phone1", Instant.now()));
        assertThat(jdbc.queryForObject("SELECT online FROM acceptor WHERE user_id = 7", Boolean.class)).isTrue();
        assertThat(adStatus(1)).isEqualTo("PAUSED/BY_OPERATOR");
        assertThat(adStatus(3)).isEqualTo("PAUSED/BY_OPERATOR");

        // the acceptor's own resume is refused, for an ad the operator paused and for one it paused itself
        for (long adId : List.of(1L, 2L)) {
            JsonNode own = appAs(7, "POST", "/app-api/otc/ads/" + adId + "/resume");
            assertThat(own.get("httpStatus").asInt()).as(own.toString()).isEqualTo(409);
            assertThat(own.get("code").asInt()).isEqualTo(16014);
        }
        assertThat(adStatus(1)).isEqualTo("PAUSED/BY_OPERATOR");
        assertThat(adStatus(2)).isEqualTo("PAUSED/BY_ACCEPTOR");
        assertThat(get("/admin-api/otc/acceptors/7").get("operatorPaused").asBoolean()).isTrue();

        // no new order is assigned, not even to an ad that became ACTIVE after the pause (one that was still OPENING)
        ad(4, 7, "ACTIVE", null);
        ServiceException none = catchThrowableOfType(ServiceException.class, () -> orderService.create(orderRequest("MO-paused")));
        assertThat(none).isNotNull();
        assertThat(none.code()).isEqualTo(16002);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM payment_order", Integer.class)).isZero();

        // the operator's resume puts back only what the operator paused; a repeat is harmless
        JsonNode resumed = call("POST", "/admin-api/otc/acceptors/7/resume", Map.of("reason", "cleared"), "RISK");
        assertThat(resumed.get("httpStatus").asInt()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.at("/data/operatorPaused").asBoolean()).isFalse();
        assertThat(adStatus(1)).isEqualTo("ACTIVE/-");
        assertThat(adStatus(2)).isEqualTo("PAUSED/BY_ACCEPTOR");
        assertThat(adStatus(3)).isEqualTo("ACTIVE/-");
        assertThat(call("POST", "/admin-api/otc/acceptors/7/resume", Map.of("reason", "again"), "RISK").get("httpStatus").asInt()).isEqualTo(200);
        assertThat(adStatus(2)).isEqualTo("PAUSED/BY_ACCEPTOR");
        // orders are assigned again
        assertThat(orderService.create(orderRequest("MO-resumed")).status()).isEqualTo("CREATED");
        assertThat(jdbc.queryForObject("SELECT acceptor_id FROM payment_order WHERE merchant_order_no = 'MO-resumed'", Long.class)).isEqualTo(7);
        // and the acceptor may resume its own pause again
        assertThat(appAs(7, "POST", "/app-api/otc/ads/2/resume").get("httpStatus").asInt()).isEqualTo(200);
        assertThat(adStatus(2)).isEqualTo("ACTIVE/-");

        // op-logged with the reason
        assertThat(jdbc.queryForList("SELECT CONCAT(operation, ':', reason) FROM op_log WHERE operation LIKE 'otc.acceptor.%' AND outcome = 'SUCCESS' ORDER BY id",
                String.class)).containsExactly("otc.acceptor.pause:fraud check", "otc.acceptor.pause:again",
                "otc.acceptor.resume:cleared", "otc.acceptor.resume:again");

        JsonNode unknown = call("POST", "/admin-api/otc/acceptors/999/pause", Map.of("reason", "x"), "RISK");
        assertThat(unknown.get("httpStatus").asInt()).isEqualTo(404);
        assertThat(unknown.get("code").asInt()).isEqualTo(16015);
    }

    /**
     * Only an ACTIVE acceptor can be paused by an operator (409 / 16016 otherwise, nothing marked, op-logged as a
     * failure): a mark on an applicant or one who left would carry into a later approval. Resuming an acceptor that
     * is not paused stays harmless.
     */
    @Test
    void anOperatorPausesOnlyAnActiveAcceptorAndResumingOneNotPausedIsHarmless() throws Exception {
        List<String> notActive = List.of("APPLIED", "APPROVING", "REJECTED", "LEAVING", "LEFT");
        long userId = 20;
        for (String status : notActive) {
            acceptor(userId, "U" + userId, status, false);
            JsonNode refused = call("POST", "/admin-api/otc/acceptors/" + userId + "/pause", Map.of("reason", "pause " + status), "RISK");
            assertThat(refused.get("httpStatus").asInt()).as(status + ": " + refused).isEqualTo(409);
            assertThat(refused.get("code").asInt()).as(status).isEqualTo(16016);
            assertThat(jdbc.queryForObject("SELECT operator_paused_at IS NULL AND operator_paused_by IS NULL FROM acceptor WHERE user_id = ?",
                    Boolean.class, userId)).as(status).isTrue();
            assertThat(get("/admin-api/otc/acceptors/" + userId).get("operatorPaused").asBoolean()).as(status).isFalse();
            userId++;
        }
        assertThat(jdbc.queryForList("SELECT CONCAT(reason, ':', error_code) FROM op_log WHERE operation = 'otc.acceptor.pause'"
                + " AND outcome = 'FAILURE' ORDER BY id", String.class))
                .containsExactly("pause APPLIED:16016", "pause APPROVING:16016", "pause REJECTED:16016", "pause LEAVING:16016", "pause LEFT:16016");

        // an applicant that is not paused: resume changes nothing and answers it
        JsonNode resumed = call("POST", "/admin-api/otc/acceptors/20/resume", Map.of("reason", "nothing to lift"), "RISK");
        assertThat(resumed.get("httpStatus").asInt()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.at("/data/status").asText()).isEqualTo("APPLIED");
        assertThat(resumed.at("/data/operatorPaused").asBoolean()).isFalse();
        // an active one that is not paused: the same
        acceptor(30, "Active", "ACTIVE", true);
        ad(1, 30, "ACTIVE", null);
        assertThat(call("POST", "/admin-api/otc/acceptors/30/resume", Map.of("reason", "nothing to lift"), "RISK").get("httpStatus").asInt())
                .isEqualTo(200);
        assertThat(adStatus(1)).isEqualTo("ACTIVE/-");
    }

    static CreateOrderRequest orderRequest(String merchantOrderNo) {
        return new CreateOrderRequest("M1", merchantOrderNo, new BigDecimal("100.00"), "CNY", "USDT", null, "http://m.example/notify",
                null, 15);
    }

    // ---- 5. overview ----

    @Test
    void theOverviewCountsTodaysOrdersByStatusAndWhatWaits() throws Exception {
        JsonNode empty = get("/admin-api/otc/overview");
        for (String s : List.of("CREATED", "PAID", "COMPLETED", "EXPIRED", "CANCELLED", "APPEAL")) {
            assertThat(empty.at("/ordersToday/" + s).asInt()).as(s).isZero();
        }
        acceptor(7, "Amy", "ACTIVE", true);
        acceptor(8, "Bob", "ACTIVE", false);
        acceptor(9, "Cat", "APPLIED", false);
        acceptor(10, "Dan", "APPLIED", true);
        order(1, "O1", "M1", "CREATED", TODAY + "00:00:00", null, null, null, null, null);
        order(2, "O2", "M1", "CREATED", TODAY + "00:10:00", null, null, null, null, null);
        order(3, "O3", "M1", "COMPLETED", TODAY + "00:20:00", null, null, null, null, null);
        order(4, "O4", "M1", "APPEAL", TODAY + "00:30:00", null, null, null, null, null);
        order(5, "O5", "M1", "APPEAL", "2026-01-01 10:00:00", null, null, null, null, null);       // not today, still open
        order(6, "O6", "M1", "COMPLETED", "2026-01-01 10:00:00", null, null, null, null, null);
        report(11, "r1", "n1", "UNMATCHED", "NO_OPEN_ORDER", null, "2026-01-01 10:00:00", "2026-01-01 10:00:00");
        report(12, "r2", "n2", "UNMATCHED", "ORDER_CLOSED", 6L, "2026-01-01 10:00:00", "2026-01-01 10:00:00");
        report(13, "r3", "n3", "REVIEWED", "NO_OPEN_ORDER", null, "2026-01-01 10:00:00", "2026-01-01 10:00:00");

        JsonNode o = get("/admin-api/otc/overview");
        assertThat(o.at("/ordersToday/CREATED").asInt()).isEqualTo(2);
        assertThat(o.at("/ordersToday/PAID").asInt()).isZero();
        assertThat(o.at("/ordersToday/COMPLETED").asInt()).isEqualTo(1);
        assertThat(o.at("/ordersToday/EXPIRED").asInt()).isZero();
        assertThat(o.at("/ordersToday/CANCELLED").asInt()).isZero();
        assertThat(o.at("/ordersToday/APPEAL").asInt()).isEqualTo(1);
        assertThat(o.get("monitorsOnline").asInt()).isEqualTo(1); // an applicant's monitor is not one of ours yet
        assertThat(o.get("acceptorsActive").asInt()).isEqualTo(2);
        assertThat(o.get("applicationsPending").asInt()).isEqualTo(2);
        assertThat(o.get("appealsOpen").asInt()).isEqualTo(2);
        assertThat(o.get("unmatchedPayments").asInt()).isEqualTo(2);
        assertThat(call("GET", "/admin-api/otc/overview", null, null).get("httpStatus").asInt()).isEqualTo(401);
    }
}
