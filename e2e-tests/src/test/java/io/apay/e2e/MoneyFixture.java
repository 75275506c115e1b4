package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.apay.push.simulator.MonitorClient;
import io.apay.push.simulator.MonitorCredentials;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * What the money-path tests share on the shared mesh: the operators (finance, risk, support, merchant manager), a
 * merchant and the merchant's callback endpoint (every callback received is kept in {@link #CALLBACKS}), and the
 * steps an acceptor, a merchant and an operator take, as helpers. Set up once per JVM by {@link #up()}.
 */
final class MoneyFixture {

    static final String CNY = "CNY";
    static final BigDecimal RATE = new BigDecimal("7.2");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicInteger PHONES = new AtomicInteger(1000);

    static SharedMesh.Identity identity;
    static Mesh mesh;
    static AdminClient finance;
    static AdminClient risk;
    static AdminClient support;
    static AdminClient manager;
    static MerchantClient merchant;
    static HttpServer merchantEndpoint;
    static final List<Callback> CALLBACKS = new CopyOnWriteArrayList<>();
    static final List<MonitorClient> MONITORS = new CopyOnWriteArrayList<>();
    static Acceptor payingAcceptor;

    record Callback(String body, Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return AppClient.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An approved acceptor: its app session and, once connected, its monitor. */
    record Acceptor(long userId, AppClient app, MonitorClient monitor, long adId) {
    }

    /** Sets the fixture up once per JVM (every test class calls it); it lives until the JVM ends, like the mesh. */
    static synchronized void up() throws Exception {
        if (merchant != null) {
            return;
        }
        identity = SharedMesh.identity();
        mesh = identity.mesh();
        SharedMesh.Root root = SharedMesh.root();
        finance = AdminFlowIT.operator("fiona", "FINANCE");
        risk = AdminFlowIT.operator("rick", "RISK");
        support = AdminFlowIT.operator("sue", "SUPPORT");
        manager = AdminFlowIT.operator("manny", "MERCHANT_MANAGER");

        merchantEndpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        merchantEndpoint.createContext("/notify", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            CALLBACKS.add(new Callback(new String(body, StandardCharsets.UTF_8), Map.copyOf(exchange.getRequestHeaders())));
            byte[] ok = "success".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        merchantEndpoint.start();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            MONITORS.forEach(MonitorClient::close);
            merchantEndpoint.stop(0);
        }));
        assertThat(root).isNotNull();
        merchant = newMerchant("E2E Shop");
    }

    /** A merchant onboarded by the merchant manager with a fresh RSA key (a test class's own, to count its money). */
    static MerchantClient newMerchant(String name) throws Exception {
        MerchantClient m = new MerchantClient(mesh.gateway(), "M-SHOP-" + UUID.randomUUID().toString().substring(0, 6));
        AppClient.Reply onboarded = manager.post("/admin-api/merchant/merchants", Map.of("merchantNo", m.merchantNo,
                "name", name, "ipWhitelist", List.of("127.0.0.1"), "publicKeyPem", m.publicKeyPem(),
                "reason", "e2e: contract signed"));
        assertThat(onboarded.status()).as(onboarded.body().toString()).isEqualTo(200);
        return m;
    }


    // ------------------------------------------------------------------ steps and reads

    static final AtomicInteger RETRIES = new AtomicInteger();

    /**
     * What docs/merchant-api.md tells a merchant to do: on 10503 (busy, or the breaker is open) or 10504 (the
     * outcome is unknown) send the same order again after a pause; the order number makes the retry harmless.
     */
    static AppClient.Reply placeLikeAMerchant(Map<String, Object> body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            AppClient.Reply r = merchant.post("/merchant-api/orders", body);
            if ((r.code() != 10503 && r.code() != 10504) || attempt == 10) {
                return r;
            }
            RETRIES.incrementAndGet();
            // after Retry-After (1 s) and a random part, so a burst's retries do not all come back at the same moment
            Thread.sleep(1000L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextLong(1000));
        }
    }

    /** The payable amounts a monitor was told about for these orders. */
    static List<String> amountsAssigned(Acceptor acceptor, Set<String> orderNos) throws Exception {
        return amountsAssigned(acceptor, orderNos, 100);
    }

    /** The payable amounts a monitor was told about for these orders, once it has {@code expected} (or after 60 s). */
    static List<String> amountsAssigned(Acceptor acceptor, Set<String> orderNos, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> amounts = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            amounts.clear();
            Set<String> seen = new HashSet<>();
            for (JsonNode f : acceptor.monitor().frames("order.assigned")) {
                if (orderNos.contains(f.path("orderId").asText()) && seen.add(f.path("orderId").asText())) {
                    amounts.add(f.path("payableAmount").asText());
                }
            }
            if (amounts.size() == expected) {
                break;
            }
            Thread.sleep(300);
        }
        return new ArrayList<>(amounts);
    }

    static synchronized Acceptor payingAcceptor() throws Exception {
        if (payingAcceptor == null) {
            payingAcceptor = onboardAcceptor("3000", "1500", "10", "200");
        }
        return payingAcceptor;
    }

    /** A user who applies, is funded by finance, approved by risk, lists an ALIPAY ad and connects its monitor. */
    static Acceptor onboardAcceptor(String funds, String adCoin, String minFiat, String maxFiat) throws Exception {
        AppClient app = registeredUser();
        long userId = userId(app);
        assertThat(app.post("/app-api/otc/acceptor/apply", Map.of("displayName", "desk " + userId)).status()).isEqualTo(200);
        assertThat(finance.post("/admin-api/ledger/credits", Map.of("requestId", "fund-acceptor-" + userId,
                "owner", Map.of("ownerType", "ACCEPTOR", "ownerId", Long.toString(userId)),
                "coin", "USDT", "amount", funds, "reason", "e2e funding")).status()).as("funding").isEqualTo(200);
        AppClient.Reply approved = risk.post("/admin-api/otc/acceptors/" + userId + "/approve", Map.of("reason", "e2e"));
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
        AppClient.Reply ad = app.post("/app-api/otc/ads", ad(adCoin, minFiat, maxFiat, "payee-" + userId));
        assertThat(ad.status()).as(ad.body().toString()).isEqualTo(200);

        AppClient.Reply device = app.post("/app-api/push/devices", Map.of("name", "Redmi " + userId));
        assertThat(device.status()).as(device.body().toString()).isIn(200, 201);
        MonitorClient monitor = MonitorClient.connect(HTTP, URI.create(mesh.gateway().replace("http", "ws") + "/ws/monitor"),
                MonitorCredentials.viaGateway(userId, device.data().get("deviceId").asText(), device.data().get("deviceSecret").asText(),
                        app.token), Duration.ofSeconds(20));
        MONITORS.add(monitor);
        await("acceptor " + userId + " online in otc-svc", () -> {
            JsonNode me = app.get("/app-api/otc/acceptor").data();
            return me.path("online").asBoolean() ? me : null;
        });
        return new Acceptor(userId, app, monitor, ad.data().get("adId").asLong());
    }

    static AppClient registeredUser() throws Exception {
        AppClient app = new AppClient(mesh.gateway(), identity.appKey(), identity.appSecret());
        String phone = "+861390000" + PHONES.incrementAndGet();
        assertThat(app.post("/app-api/sms/codes", Map.of("phone", phone, "purpose", "REGISTER")).status()).isEqualTo(200);
        AppClient.Reply reg = app.post("/app-api/user/auth/register", Map.of("phone", phone,
                "smsCode", IdentityFlowIT.codeFor(identity, phone), "password", "acceptor-pass-42", "deviceId", "phone-" + phone.substring(1)));
        assertThat(reg.status()).as(reg.body().toString()).isEqualTo(200);
        app.token = reg.data().get("token").asText();
        return app;
    }

    static long userId(AppClient app) throws Exception {
        return app.get("/app-api/user/profile").data().get("userId").asLong();
    }

    static Map<String, Object> ad(String totalCoin, String minFiat, String maxFiat) {
        return ad(totalCoin, minFiat, maxFiat, "payee");
    }

    static Map<String, Object> ad(String totalCoin, String minFiat, String maxFiat, String payee) {
        return Map.of("coin", "USDT", "fiatCurrency", CNY, "rate", RATE.toPlainString(), "minFiat", minFiat, "maxFiat", maxFiat,
                "totalCoin", totalCoin, "channels", List.of(Map.of("channel", "ALIPAY", "payeeName", payee, "payeeAccount", payee + "@alipay")));
    }

    static Map<String, Object> order(String merchantOrderNo, String fiatAmount) {
        return order(merchantOrderNo, fiatAmount, "http://127.0.0.1:" + merchantEndpoint.getAddress().getPort() + "/notify");
    }

    /** An order whose callback goes to another endpoint than the fixture's (a benchmark's own). */
    static Map<String, Object> order(String merchantOrderNo, String fiatAmount, String notifyUrl) {
        return Map.of("merchantOrderNo", merchantOrderNo, "fiatAmount", fiatAmount, "fiatCurrency", CNY, "coin", "USDT",
                "channel", "ALIPAY", "notifyUrl", notifyUrl, "returnUrl", "https://shop.example/thanks", "expireMinutes", 15);
    }

    /** The status of one of the acceptor's ads, as its app shows it. */
    static String adStatus(AppClient app, long adId) throws Exception {
        for (JsonNode ad : app.get("/app-api/otc/ads").data()) {
            if (ad.path("adId").asLong() == adId) {
                return ad.path("status").asText();
            }
        }
        throw new AssertionError("ad " + adId + " not listed");
    }

    /** kind -> balance of one owner's USDT accounts, as finance sees them. */
    static Map<String, BigDecimal> balances(String ownerType, String ownerId) throws Exception {
        AppClient.Reply r = finance.get("/admin-api/ledger/balances?ownerType=" + ownerType + "&ownerId=" + ownerId + "&coin=USDT");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        Map<String, BigDecimal> byKind = new java.util.HashMap<>();
        for (JsonNode account : r.data()) {
            BigDecimal balance = new BigDecimal(account.get("balance").asText()).stripTrailingZeros();
            byKind.put(account.get("kind").asText(), balance.scale() < 0 ? balance.setScale(0) : balance); // "1500", not 1.5E+3
        }
        return byKind;
    }

    /** The ledger's own reconciliation (its journal against its balances and holds) finds no difference. */
    static void assertLedgerReconciles() throws Exception {
        AppClient.Reply run = finance.post("/admin-api/ledger/reconciliation/runs", Map.of());
        assertThat(run.status()).as(run.body().toString()).isEqualTo(200);
        assertThat(run.data().get("ok").asBoolean()).as(run.body().toString()).isTrue();
        assertThat(run.data().get("differenceCount").asLong()).isZero();
        assertThat(run.data().get("postingsChecked").asLong()).isPositive();
    }

    /**
     * job-svc's cross-service reconciliation (otc-svc's orders, ads and acceptors against the ledger's holds and
     * settlements) finds no discrepancy; on failure the message lists every discrepancy found.
     */
    static void assertCrossServiceReconciles() throws Exception {
        AppClient.Reply run = finance.post("/admin-api/job/reconciliation/runs", Map.of());
        assertThat(run.status()).as("cross-service reconciliation run: " + run.body()).isEqualTo(200);
        JsonNode report = run.data();
        StringBuilder found = new StringBuilder("cross-service reconciliation " + report.path("runId").asText()
                + (report.hasNonNull("error") ? " could not read everything: " + report.path("error").asText() : "") + " found:");
        for (JsonNode d : report.path("discrepancies")) {
            found.append("\n  ").append(d.path("check").asText()).append(' ').append(d.path("subject").asText()).append(": ")
                    .append(d.path("detail").asText());
        }
        assertThat(report.path("discrepancyCount").asLong()).as(found.toString()).isZero();
        assertThat(report.path("discrepancies").size()).as(found.toString()).isZero();
        assertThat(report.path("ok").asBoolean()).as(found.toString()).isTrue();
    }

    static Callback awaitCallback(Predicate<Callback> match) throws Exception {
        return await("a callback", () -> CALLBACKS.stream().filter(match).findFirst().orElse(null));
    }

    static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + " -> " + r.body()).isEqualTo(200);
        return AppClient.MAPPER.readTree(r.body());
    }

    interface Probe<T> {
        T get() throws Exception;
    }

    static <T> T await(String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private MoneyFixture() {
    }
}
