package io.apay.job.recon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.result.ApiResult;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import io.apay.common.test.MutableClock;
import io.apay.chainbridge.api.enums.ChainDepositStatus;
import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.otc.api.enums.AdStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The reconciliation run end to end inside job-svc: the admin API (permissions, the op-log), the reads through the
 * real Feign clients against a stand-in on a loopback port that answers otc-svc's, the ledger's, merchant-api-svc's,
 * wallet-svc's and chain-bridge-svc's contracts with a {@link ReconWorld}, the rechecks, the stored run and the gauges.
 * (The real services' endpoints are tested in their own modules.)
 */
@ApayIntegrationTest(properties = {"apay.job.cross-service-reconciliation.recheck-delay=PT0.05S"})
@Import(ReconciliationIT.Clocks.class)
class ReconciliationIT {

    static final ObjectMapper JSON = ApayJackson.newMapper();
    /** The world of each pass (a pass starts with the orders read); the last one repeats. */
    static volatile List<ReconWorld> passes = List.of(new ReconWorld());
    static volatile boolean otcDown;
    static final AtomicInteger ordersReads = new AtomicInteger();
    static final List<String> walletWindows = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final List<String> wealthReads = new java.util.concurrent.CopyOnWriteArrayList<>();
    static final HttpServer services = start();

    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(ReconWorld.NOW);
        }
    }

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ReconciliationIT::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ReconWorld world() {
        List<ReconWorld> all = passes;
        return all.get(Math.min(all.size(), Math.max(1, ordersReads.get())) - 1);
    }

    /** The three services' read contracts, one page each (every list here is shorter than a page). */
    static void answer(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        boolean first = "0".equals(q.get("afterId"));
        Object data;
        int status = 200;
        if (path.equals("/rpc-api/otc/recon/orders")) {
            if (otcDown) {
                reply(x, 503, Map.of("code", 10503, "message", "service temporarily unavailable"));
                return;
            }
            ordersReads.incrementAndGet();
            data = first ? world().orders : List.of();
        } else if (path.equals("/rpc-api/otc/recon/ads")) {
            data = first ? world().ads : List.of();
        } else if (path.equals("/rpc-api/otc/recon/acceptors")) {
            data = first ? world().acceptors : List.of();
        } else if (path.equals("/rpc-api/ledger/holds")) {
            data = first ? world().openHolds.stream().filter(h -> h.bizRef().startsWith(q.get("bizRefPrefix"))).toList() : List.of();
        } else if (path.startsWith("/rpc-api/ledger/holds/")) {
            HoldView h = world().otherHolds.get(Long.parseLong(path.substring("/rpc-api/ledger/holds/".length())));
            if (h == null) {
                reply(x, 404, Map.of("code", 14010, "message", "hold not found"));
                return;
            }
            data = h;
        } else if (path.equals("/rpc-api/ledger/transactions/by-biz-refs")) {
            List<String> refs = strings(x, "bizRefs");
            data = world().transactions.stream().filter(t -> refs.contains(t.bizRef())).toList();
        } else if (path.equals("/rpc-api/wallet/recon/deposits")) {
            walletWindows.add(q.get("from") + " " + q.get("to"));
            data = first ? world().deposits : List.of();
        } else if (path.equals("/rpc-api/wallet/recon/withdrawals")) {
            data = first ? world().withdrawals : List.of();
        } else if (path.equals("/rpc-api/chain/recon/deposits/by-keys")) {
            List<String> keys = strings(x, "keys");
            data = world().chainDeposits.stream().filter(c -> keys.contains(c.depositKey())).toList();
        } else if (path.equals("/rpc-api/chain/recon/deposits/confirmed")) {
            data = first ? world().chainDeposits.stream().filter(c -> c.status() == ChainDepositStatus.CONFIRMED).toList() : List.of();
        } else if (path.equals("/rpc-api/chain/recon/withdrawals/by-ids")) {
            List<String> ids = strings(x, "withdrawalIds");
            data = world().chainWithdrawals.stream().filter(c -> ids.contains(c.withdrawalId())).toList();
        } else if (path.equals("/rpc-api/wealth/recon/products")) {
            wealthReads.add("wealth-svc products");
            data = world().products;
        } else if (path.equals("/rpc-api/ledger/balances")) {
            wealthReads.add(q.get("ownerType") + ":" + q.get("ownerId"));
            data = world().productBalances.getOrDefault(q.get("ownerId"), List.of());
        } else if (path.equals("/rpc-api/merchant/callbacks/recorded-events")) {
            List<String> orderNos = strings(x, "orderNos");
            Map<String, List<String>> events = new HashMap<>(world().callbacks);
            events.keySet().retainAll(orderNos);
            data = events;
        } else {
            reply(x, 404, Map.of("code", 10020, "message", "not found"));
            return;
        }
        reply(x, status, ApiResult.ok(data));
    }

    static List<String> strings(HttpExchange x, String field) throws IOException {
        List<String> all = new ArrayList<>();
        JSON.readTree(x.getRequestBody()).get(field).forEach(n -> all.add(n.asText()));
        return all;
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String p : raw.split("&")) {
                String[] kv = p.split("=", 2);
                q.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    static void reply(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @DynamicPropertySource
    static void addresses(DynamicPropertyRegistry registry) {
        for (String service : List.of("otc-svc", "ledger-svc", "merchant-api-svc", "wallet-svc", "chain-bridge-svc", "wealth-svc")) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri",
                    () -> "http://127.0.0.1:" + services.getAddress().getPort());
        }
    }

    @AfterAll
    static void stop() {
        services.stop(0);
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired MeterRegistry meters;
    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    @BeforeEach
    void reset() {
        passes = List.of(new ReconWorld());
        otcDown = false;
        ordersReads.set(0);
        walletWindows.clear();
        wealthReads.clear();
    }

    JsonNode call(String method, String path, String body, String roles) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (roles != null) {
            b.header("X-Apay-Operator-Id", "5").header("X-Apay-Operator-Roles", roles);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("httpStatus", r.statusCode());
        return json;
    }

    double gauge(String name) {
        return meters.get(name).gauge().value();
    }

    @Test
    void anEmptySystemIsOk() throws Exception {
        ReconWorld empty = new ReconWorld();
        empty.ads.clear();
        empty.acceptors.clear();
        empty.orders.clear();
        empty.openHolds.clear();
        empty.transactions.clear();
        empty.callbacks.clear();
        empty.deposits.clear();
        empty.withdrawals.clear();
        empty.chainDeposits.clear();
        empty.chainWithdrawals.clear();
        passes = List.of(empty);
        JsonNode run = call("POST", "/admin-api/job/reconciliation/runs", null, "FINANCE");
        assertThat(run.get("httpStatus").asInt()).as(run.toString()).isEqualTo(200);
        JsonNode data = run.get("data");
        assertThat(data.get("ok").asBoolean()).isTrue();
        assertThat(data.get("discrepancyCount").asLong()).isZero();
        assertThat(data.get("discrepancies")).isEmpty();
        assertThat(data.get("trigger").asText()).isEqualTo("operator:5");
        assertThat(data.get("windowTo").asText()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(data.get("windowFrom").asText()).isEqualTo("2026-02-28T11:00:00Z"); // the default 25 hours
        assertThat(data.has("error")).isFalse();
        assertThat(ordersReads.get()).isEqualTo(1); // no recheck of a clean pass
        assertThat(gauge("apay.reconciliation.discrepancies")).isZero();
        assertThat(gauge("apay.reconciliation.last.success")).isEqualTo(ReconWorld.NOW.getEpochSecond());
    }

    @Test
    void aConsistentWorldIsOkAndEveryRunIsStoredAndListed() throws Exception {
        JsonNode data = call("POST", "/admin-api/job/reconciliation/runs",
                "{\"since\":\"2026-02-01T00:00:00Z\",\"reason\":\"month-end check\"}", "SUPER_ADMIN").get("data");
        assertThat(data.get("ok").asBoolean()).as(data.toString()).isTrue();
        assertThat(data.get("windowFrom").asText()).isEqualTo("2026-02-01T00:00:00Z");
        assertThat(data.get("adsChecked").asLong()).isEqualTo(2);
        assertThat(data.get("acceptorsChecked").asLong()).isEqualTo(2);
        assertThat(data.get("ordersChecked").asLong()).isEqualTo(3);
        assertThat(data.get("holdsChecked").asLong()).isEqualTo(2);
        assertThat(data.get("depositsChecked").asLong()).isEqualTo(2);
        assertThat(data.get("withdrawalsChecked").asLong()).isEqualTo(6);
        assertThat(data.get("productsChecked").asLong()).isEqualTo(2);
        // wealth-svc, each product's ledger accounts, wealth-svc again
        assertThat(wealthReads).containsExactly("wealth-svc products", "PRODUCT:product-3", "PRODUCT:product-4", "wealth-svc products");
        assertThat(data.has("notChecked")).isFalse();
        // wallet-svc is asked for a window wider than the run's by the grace on both sides
        assertThat(walletWindows).containsExactly("2026-01-31T23:50:00Z 2026-03-01T12:10:00Z");
        long runId = data.get("runId").asLong();

        JsonNode page = call("GET", "/admin-api/job/reconciliation/runs?pageNo=1&pageSize=100", null, "SUPPORT");
        assertThat(page.get("httpStatus").asInt()).isEqualTo(200);
        assertThat(page.at("/data/total").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode newest = page.at("/data/list/0");
        assertThat(newest.get("runId").asLong()).isEqualTo(runId);
        assertThat(newest.has("discrepancies")).isFalse();
        JsonNode one = call("GET", "/admin-api/job/reconciliation/runs/" + runId, null, "RISK").get("data");
        assertThat(one.get("discrepancies")).isEmpty();
        assertThat(one.get("startedAt").asText()).isEqualTo("2026-03-01T12:00:00Z");

        Map<String, Object> log = jdbc.queryForMap("SELECT * FROM op_log WHERE operation = 'reconciliation.run' ORDER BY id DESC LIMIT 1");
        assertThat(log.get("actor_id")).isEqualTo("5");
        assertThat(log.get("reason")).isEqualTo("month-end check"); // the optional reason is recorded like other admin writes
    }

    @Test
    void aBrokenInvariantIsConfirmedByEveryRecheckThenStoredLoggedAndCounted() throws Exception {
        ReconWorld broken = new ReconWorld();
        broken.replaceAd(42, ReconWorld.ad(42, AdStatus.ACTIVE, 2L, "310", "150", 2, ReconWorld.OLD));
        broken.callbacks.remove("E1");
        passes = List.of(broken);
        JsonNode data = call("POST", "/admin-api/job/reconciliation/runs", "{}", "FINANCE").get("data");
        assertThat(ordersReads.get()).isEqualTo(3); // the first pass and two rechecks
        assertThat(data.get("ok").asBoolean()).isFalse();
        assertThat(data.get("discrepancyCount").asLong()).isEqualTo(2);
        assertThat(data.at("/discrepancies/0/check").asText()).isEqualTo("AD_HOLD");
        assertThat(data.at("/discrepancies/0/subject").asText()).isEqualTo("ad:42");
        assertThat(data.at("/discrepancies/0/detail").asText()).contains("remaining 450 != available 310 + open orders 150 (2) = 460");
        assertThat(data.at("/discrepancies/1/check").asText()).isEqualTo("CALLBACK");
        assertThat(data.at("/discrepancies/1/subject").asText()).isEqualTo("order:E1");
        assertThat(gauge("apay.reconciliation.discrepancies")).isEqualTo(2.0);

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT check_name, subject, detail FROM recon_discrepancy WHERE run_id = ? ORDER BY id",
                data.get("runId").asLong());
        assertThat(rows).extracting(r -> r.get("check_name") + " " + r.get("subject")).containsExactly("AD_HOLD ad:42", "CALLBACK order:E1");
        assertThat(call("GET", "/admin-api/job/reconciliation/runs/" + data.get("runId").asLong(), null, "SUPPORT").at("/data/discrepancies"))
                .hasSize(2);
    }

    @Test
    void theWalletsBrokenInvariantsAreFoundThroughWalletLedgerAndChainReads() throws Exception {
        ReconWorld broken = new ReconWorld();
        broken.replaceTransaction(200, null); // deposit 1 CREDITED without its ledger credit
        broken.replaceChainWithdrawal("W2", ReconWorld.chainWithdrawal("W2", io.apay.chainbridge.api.enums.ChainWithdrawalStatus.CONFIRMED,
                ReconWorld.OLD)); // W2 FAILED and released, but the coin left
        passes = List.of(broken);
        JsonNode data = call("POST", "/admin-api/job/reconciliation/runs", null, "FINANCE").get("data");
        assertThat(data.get("ok").asBoolean()).isFalse();
        assertThat(data.get("discrepancyCount").asLong()).as(data.toString()).isEqualTo(2);
        assertThat(data.at("/discrepancies/0/check").asText()).isEqualTo("DEPOSIT");
        assertThat(data.at("/discrepancies/0/subject").asText()).isEqualTo("deposit:LOCAL:0xd1:0");
        assertThat(data.at("/discrepancies/0/detail").asText()).isEqualTo("CREDITED deposit 1 has no ledger transaction (biz ref deposit:1)");
        assertThat(data.at("/discrepancies/1/check").asText()).isEqualTo("WITHDRAWAL");
        assertThat(data.at("/discrepancies/1/subject").asText()).isEqualTo("withdrawal:W2");
        assertThat(data.at("/discrepancies/1/detail").asText()).startsWith("FAILED withdrawal is CONFIRMED on chain");
        assertThat(jdbc.queryForList("SELECT subject FROM recon_discrepancy WHERE run_id = ? ORDER BY id", String.class,
                data.get("runId").asLong())).containsExactly("deposit:LOCAL:0xd1:0", "withdrawal:W2");
    }

    @Test
    void aWealthProductWhoseLedgerAccountsDisagreeIsFoundThroughWealthAndLedgerReads() throws Exception {
        ReconWorld broken = new ReconWorld();
        broken.productBalances.put("product-3", List.of(ReconWorld.balance(3, "USDT", AccountKind.STAKED, "999.5"),
                ReconWorld.balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2.5")));
        passes = List.of(broken);
        JsonNode data = call("POST", "/admin-api/job/reconciliation/runs", null, "FINANCE").get("data");
        assertThat(ordersReads.get()).isEqualTo(3); // confirmed by both rechecks
        assertThat(data.get("ok").asBoolean()).isFalse();
        assertThat(data.get("discrepancyCount").asLong()).as(data.toString()).isEqualTo(1);
        assertThat(data.at("/discrepancies/0/check").asText()).isEqualTo("WEALTH");
        assertThat(data.at("/discrepancies/0/subject").asText()).isEqualTo("product:3");
        assertThat(data.at("/discrepancies/0/detail").asText())
                .isEqualTo("PRODUCT:product-3:USDT:STAKED is 999.5, the positions' principal is 1000 (USDT-FLEX)");
        assertThat(data.get("productsChecked").asLong()).isEqualTo(2);
    }

    @Test
    void aBusyProductsPersistentHoleIsFoundThoughEveryPassSeesAYoungIntent() throws Exception {
        // 10 USDT missing from product 3's STAKED in every pass; each pass also finds another short subscription under way
        List<ReconWorld> busy = new ArrayList<>();
        for (String subscribing : List.of("0.2", "5", "1.5")) {
            ReconWorld w = new ReconWorld();
            w.replaceProduct(3, ReconWorld.inFlight(ReconWorld.product(3, "USDT-FLEX", "USDT", "USDT", "1000", "2.5", 1,
                    ReconWorld.NOW.minusMillis(50)), subscribing, "0", "0", "0"));
            w.productBalances.put("product-3", List.of(ReconWorld.balance(3, "USDT", AccountKind.STAKED, "990"),
                    ReconWorld.balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2.5")));
            busy.add(w);
        }
        passes = busy;
        JsonNode data = call("POST", "/admin-api/job/reconciliation/runs", null, "FINANCE").get("data");
        assertThat(ordersReads.get()).isEqualTo(3);
        assertThat(data.get("ok").asBoolean()).isFalse();
        assertThat(data.get("discrepancyCount").asLong()).as(data.toString()).isEqualTo(1);
        assertThat(data.at("/discrepancies/0/check").asText()).isEqualTo("WEALTH");
        assertThat(data.at("/discrepancies/0/subject").asText()).isEqualTo("product:3");
        assertThat(data.at("/discrepancies/0/detail").asText()).isEqualTo("PRODUCT:product-3:USDT:STAKED is 990, the positions' principal"
                + " is 1000, outside 1000 to 1001.5 that the intents under way allow (USDT-FLEX)");
    }

    @Test
    void aRunOfTheJobStartedThroughTheJobApiIsRecordedWithItsCountsAndNamesTheOperator() throws Exception {
        JsonNode data = call("POST", "/admin-api/job/runs", "{\"job\":\"cross-service-reconciliation\",\"reason\":\"after the fix\"}",
                "FINANCE").get("data");
        assertThat(data.get("status").asText()).as(data.toString()).isEqualTo("OK");
        assertThat(data.get("trigger").asText()).isEqualTo("MANUAL");
        assertThat(data.at("/counts/discrepancies").asLong()).isZero();
        assertThat(data.at("/counts/orders").asLong()).isEqualTo(3);
        assertThat(data.at("/counts/products").asLong()).isEqualTo(2);
        long reconRunId = data.at("/counts/reconRunId").asLong();
        assertThat(jdbc.queryForObject("SELECT run_trigger FROM recon_run WHERE id = ?", String.class, reconRunId)).isEqualTo("operator:5");

        otcDown = true; // a run that cannot read everything did not do its work
        JsonNode failed = call("POST", "/admin-api/job/runs", "{\"job\":\"cross-service-reconciliation\",\"reason\":\"again\"}",
                "FINANCE").get("data");
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("error").asText()).isEqualTo("READ_FAILED");
    }

    @Test
    void whatAPassCaughtInFlightAndTheNextOneDoesNotSeeIsNoDiscrepancy() throws Exception {
        // pass 1 read the ad just before an order's coin moved, the ledger just after; pass 2 reads them settled
        ReconWorld inFlight = new ReconWorld();
        inFlight.replaceAd(42, ReconWorld.ad(42, AdStatus.ACTIVE, 2L, "300", "170", 3, ReconWorld.OLD));
        passes = List.of(inFlight, new ReconWorld());
        JsonNode data = call("POST", "/admin-api/job/reconciliation/runs", null, "FINANCE").get("data");
        assertThat(ordersReads.get()).isEqualTo(2);
        assertThat(data.get("ok").asBoolean()).as(data.toString()).isTrue();
        assertThat(data.get("discrepancyCount").asLong()).isZero();
    }

    @Test
    void aRunThatCannotReadEverythingIsStoredAsFailed() throws Exception {
        otcDown = true;
        double before = gauge("apay.reconciliation.last.success");
        JsonNode data = call("POST", "/admin-api/job/reconciliation/runs", null, "FINANCE").get("data");
        assertThat(data.get("ok").asBoolean()).isFalse();
        assertThat(data.get("discrepancyCount").asLong()).isZero();
        assertThat(data.get("error").asText()).startsWith("reading otc-svc orders failed: 10503");
        assertThat(data.get("ordersChecked").asLong()).isZero();
        assertThat(jdbc.queryForObject("SELECT error_message FROM recon_run WHERE id = ?", String.class, data.get("runId").asLong()))
                .startsWith("reading otc-svc orders failed");
        assertThat(gauge("apay.reconciliation.last.success")).isEqualTo(before);
    }

    @Test
    void onlyFinanceAndSuperAdminsStartRunsEveryOperatorReadsThem() throws Exception {
        assertThat(call("POST", "/admin-api/job/reconciliation/runs", null, "SUPPORT").get("code").asInt()).isEqualTo(10011);
        assertThat(call("POST", "/admin-api/job/reconciliation/runs", null, "RISK").get("httpStatus").asInt()).isEqualTo(403);
        assertThat(call("GET", "/admin-api/job/reconciliation/runs", null, null).get("httpStatus").asInt()).isEqualTo(401);
        assertThat(call("GET", "/admin-api/job/reconciliation/runs", null, "MERCHANT_MANAGER").get("httpStatus").asInt()).isEqualTo(200);
        assertThat(ordersReads.get()).isZero();
    }

    @Test
    void aFutureOrAncientSinceAndAnUnknownRunAreRefused() throws Exception {
        JsonNode future = call("POST", "/admin-api/job/reconciliation/runs", "{\"since\":\"2026-03-01T12:00:01Z\"}", "FINANCE");
        assertThat(future.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(future.get("code").asInt()).isEqualTo(21002);
        assertThat(call("POST", "/admin-api/job/reconciliation/runs", "{\"since\":\"2026-01-01T00:00:00Z\"}", "FINANCE").get("code").asInt())
                .isEqualTo(21002);
        JsonNode longReason = call("POST", "/admin-api/job/reconciliation/runs", "{\"reason\":\"" + "x".repeat(256) + "\"}", "FINANCE");
        assertThat(longReason.get("httpStatus").asInt()).isEqualTo(400);
        assertThat(longReason.get("code").asInt()).isEqualTo(10001);
        JsonNode missing = call("GET", "/admin-api/job/reconciliation/runs/999999", null, "SUPPORT");
        assertThat(missing.get("httpStatus").asInt()).isEqualTo(404);
        assertThat(missing.get("code").asInt()).isEqualTo(21001);
        assertThat(ordersReads.get()).isZero();
    }
}
