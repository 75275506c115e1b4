package io.apay.otc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** otc's side of the cross-service reconciliation: what job-svc reads through OtcReconApi, on rows written here. */
@ApayIntegrationTest
class OtcReconIT {

    static final ObjectMapper JSON = ApayJackson.newMapper();

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    @BeforeEach
    void rows() {
        jdbc.update("DELETE FROM payment_order");
        jdbc.update("DELETE FROM acceptor_ad");
        jdbc.update("DELETE FROM acceptor");
        acceptor(7, "ACTIVE", "USDT", "1000", 5L);
        acceptor(8, "APPLIED", null, null, null);
        ad(1, "ACTIVE", 11L, "500", "300");
        ad(2, "OPENING", null, "100", "100");
        order(1, "R-CREATED", 1, "CREATED", "50", null);
        order(2, "R-PAID", 1, "PAID", "100", null);
        order(3, "R-APPEAL", 1, "APPEAL", "20", null);
        order(4, "R-DONE", 1, "COMPLETED", "30", "2026-03-01 11:00:00");
        order(5, "R-OLD", 1, "EXPIRED", "10", "2026-02-01 00:00:00");
        order(6, "R-AT-TO", 1, "CANCELLED", "5", "2026-03-01 12:00:00");
        order(7, "R-AT-FROM", 2, "EXPIRED", "1", "2026-02-28 11:00:00");
    }

    void acceptor(long userId, String status, String coin, String margin, Long holdId) {
        jdbc.update("INSERT INTO acceptor (user_id, display_name, status, margin_coin, margin_amount, margin_hold_id, applied_at, updated_at)"
                + " VALUES (?, 'A', ?, ?, ?, ?, '2026-02-01 00:00:00', '2026-03-01 10:00:00.123')", userId, status, coin, margin, holdId);
    }

    void ad(long id, String status, Long holdId, String total, String available) {
        jdbc.update("INSERT INTO acceptor_ad (id, acceptor_id, coin, fiat_currency, rate, min_fiat, max_fiat, total_coin, available_coin,"
                + " hold_id, status, last_assigned_at, created_at, updated_at) VALUES (?, 7, 'USDT', 'CNY', 7.2, 10, 1000, ?, ?, ?, ?,"
                + " '2026-02-01 00:00:00', '2026-02-01 00:00:00', '2026-03-01 09:30:00')", id, total, available, holdId, status);
    }

    void order(long id, String no, long adId, String status, String coin, String closedAt) {
        jdbc.update("INSERT INTO payment_order (id, order_no, cashier_token, merchant_no, merchant_order_no, ad_id, acceptor_id, channel,"
                + " fiat_currency, fiat_amount, payable_amount, coin, coin_amount, rate, status, notify_url, expires_at, closed_at,"
                + " settle_txn_id, merchant_coin_amount, fee_coin_amount, created_at, updated_at)"
                + " VALUES (?, ?, ?, 'M1', ?, ?, 7, 'ALIPAY', 'CNY', 100, 100, 'USDT', ?, 7.2, ?, 'http://x', '2026-03-01 12:15:00', ?,"
                + " ?, ?, ?, '2026-02-01 00:00:00', '2026-03-01 11:00:00')", id, no, "tok-" + no, "MO-" + no, adId, coin, status, closedAt,
                closedAt != null && status.equals("COMPLETED") ? 900L : null, status.equals("COMPLETED") ? "29.7" : null,
                status.equals("COMPLETED") ? "0.3" : null);
    }

    JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(body.get("code").asInt() == 0 ? 200 : r.statusCode());
        return body;
    }

    /** Money is a JSON string. */
    static BigDecimal money(JsonNode node, String field) {
        return new BigDecimal(node.get(field).asText());
    }

    static List<String> texts(JsonNode list, String field) {
        List<String> all = new ArrayList<>();
        list.forEach(n -> all.add(n.get(field).asText()));
        return all;
    }

    @Test
    void adsComeWithTheCoinOfTheirOpenOrdersPageByPage() throws Exception {
        JsonNode ads = get("/rpc-api/otc/recon/ads?afterId=0&limit=10").get("data");
        assertThat(ads).hasSize(2);
        JsonNode ad = ads.get(0);
        assertThat(ad.get("adId").asLong()).isEqualTo(1);
        assertThat(ad.get("acceptorId").asLong()).isEqualTo(7);
        assertThat(ad.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(ad.get("holdId").asLong()).isEqualTo(11);
        assertThat(money(ad, "availableCoin")).isEqualByComparingTo("300");
        assertThat(money(ad, "openOrderCoin")).isEqualByComparingTo("170"); // CREATED 50 + PAID 100 + APPEAL 20
        assertThat(ad.get("openOrders").asInt()).isEqualTo(3);
        assertThat(ad.get("updatedAt").asText()).isEqualTo("2026-03-01T09:30:00Z");
        JsonNode opening = ads.get(1);
        assertThat(opening.get("status").asText()).isEqualTo("OPENING");
        assertThat(opening.path("holdId").isMissingNode() || opening.get("holdId").isNull()).isTrue();
        assertThat(money(opening, "openOrderCoin")).isEqualByComparingTo("0");

        assertThat(texts(get("/rpc-api/otc/recon/ads?afterId=0&limit=1").get("data"), "adId")).containsExactly("1");
        assertThat(texts(get("/rpc-api/otc/recon/ads?afterId=1&limit=1").get("data"), "adId")).containsExactly("2");
        assertThat(get("/rpc-api/otc/recon/ads?afterId=2&limit=1").get("data")).isEmpty();
    }

    @Test
    void acceptorsWithTheirMargin() throws Exception {
        JsonNode acceptors = get("/rpc-api/otc/recon/acceptors?afterId=0&limit=1000").get("data");
        assertThat(texts(acceptors, "userId")).containsExactly("7", "8");
        assertThat(acceptors.get(0).get("marginCoin").asText()).isEqualTo("USDT");
        assertThat(money(acceptors.get(0), "marginAmount")).isEqualByComparingTo("1000");
        assertThat(acceptors.get(0).get("marginHoldId").asLong()).isEqualTo(5);
        assertThat(acceptors.get(0).get("updatedAt").asText()).isEqualTo("2026-03-01T10:00:00.123Z");
        assertThat(acceptors.get(1).get("status").asText()).isEqualTo("APPLIED");
        assertThat(acceptors.get(1).path("marginHoldId").isMissingNode() || acceptors.get(1).get("marginHoldId").isNull()).isTrue();
        assertThat(texts(get("/rpc-api/otc/recon/acceptors?afterId=7&limit=5").get("data"), "userId")).containsExactly("8");
    }

    @Test
    void ordersThatEndedInTheWindowAndEveryPaidOrAppealedOne() throws Exception {
        JsonNode orders = get("/rpc-api/otc/recon/orders?from=2026-02-28T11:00:00Z&to=2026-03-01T12:00:00Z&afterId=0&limit=100").get("data");
        // not the CREATED one, not one that ended before the window, not one that ended at its (exclusive) end
        assertThat(texts(orders, "orderNo")).containsExactly("R-PAID", "R-APPEAL", "R-DONE", "R-AT-FROM");
        JsonNode done = orders.get(2);
        assertThat(done.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("merchantNo").asText()).isEqualTo("M1");
        assertThat(done.get("adId").asLong()).isEqualTo(1);
        assertThat(money(done, "coinAmount")).isEqualByComparingTo("30");
        assertThat(money(done, "merchantCoinAmount")).isEqualByComparingTo("29.7");
        assertThat(money(done, "feeCoinAmount")).isEqualByComparingTo("0.3");
        assertThat(done.get("settleTxnId").asLong()).isEqualTo(900);
        assertThat(done.get("closedAt").asText()).isEqualTo("2026-03-01T11:00:00Z");
        assertThat(texts(get("/rpc-api/otc/recon/orders?from=2026-02-28T11:00:00Z&to=2026-03-01T12:00:00Z&afterId=3&limit=1").get("data"),
                "orderNo")).containsExactly("R-DONE");
    }

    @Test
    void pagingLimitsAreEnforced() throws Exception {
        assertThat(get("/rpc-api/otc/recon/ads?afterId=0&limit=1001").get("code").asInt()).isEqualTo(10001);
        assertThat(get("/rpc-api/otc/recon/acceptors?afterId=-1&limit=10").get("code").asInt()).isEqualTo(10001);
    }
}
