package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.test.LocalInfra;
import io.apay.push.simulator.MonitorClient;
import io.apay.push.simulator.MonitorCredentials;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The money path on the real mesh (gateway, user-svc, sms-svc, ledger-svc, otc-svc, push-svc, merchant-api-svc,
 * job-svc as processes on MariaDB, Redis and RabbitMQ): acceptors apply, are approved with a margin hold and list
 * ads; their monitors connect through the gateway; a merchant places orders signed with its RSA key; the monitor
 * reports the buyer's payment; the ledger settles; the merchant's endpoint receives the signed callback. Every test
 * ends with the ledger's own reconciliation finding no difference.
 */
class MoneyPathIT {

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

    @BeforeAll
    static void up() throws Exception {
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

        merchant = new MerchantClient(mesh.gateway(), "M-SHOP-" + UUID.randomUUID().toString().substring(0, 6));
        AppClient.Reply onboarded = manager.post("/admin-api/merchant/merchants", Map.of("merchantNo", merchant.merchantNo,
                "name", "E2E Shop", "ipWhitelist", List.of("127.0.0.1"), "publicKeyPem", merchant.publicKeyPem(),
                "reason", "e2e: contract signed"));
        assertThat(onboarded.status()).as(onboarded.body().toString()).isEqualTo(200);
        assertThat(root).isNotNull();
    }

    @AfterAll
    static void down() {
        MONITORS.forEach(MonitorClient::close);
        if (merchantEndpoint != null) {
            merchantEndpoint.stop(0);
        }
    }

    // ------------------------------------------------------------------ acceptors (issue 7's onboarding flow)

    @Test
    void anAcceptorIsApprovedWithAMarginHoldAndOnlyThenMayListAnAd() throws Exception {
        AppClient app = registeredUser();
        long userId = userId(app);
        assertThat(app.post("/app-api/otc/acceptor/apply", Map.of("displayName", "Ann's desk")).status()).isEqualTo(200);
        AppClient.Reply tooEarly = app.post("/app-api/otc/ads", ad("100", "10", "200"));
        assertThat(tooEarly.status()).as(tooEarly.body().toString()).isEqualTo(403);
        assertThat(tooEarly.code()).isEqualTo(16010);

        // the margin cannot be held before the acceptor has the coin: the application stays pending, nothing moves
        AppClient.Reply broke = risk.post("/admin-api/otc/acceptors/" + userId + "/approve", Map.of("reason", "KYC checked"));
        assertThat(broke.status()).as(broke.body().toString()).isEqualTo(409);
        assertThat(app.get("/app-api/otc/acceptor").data().get("status").asText()).isEqualTo("APPLIED");

        // support may read balances but never credit them; finance may, once per request id, with a reason
        Map<String, Object> credit = Map.of("requestId", "fund-acceptor-" + userId, "owner", Map.of("ownerType", "ACCEPTOR", "ownerId", Long.toString(userId)),
                "coin", "USDT", "amount", "1500", "reason", "bank transfer 2026-11-26 #" + userId);
        AppClient.Reply refused = support.post("/admin-api/ledger/credits", credit);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo(10011);
        assertThat(finance.post("/admin-api/ledger/credits", credit).status()).isEqualTo(200);
        assertThat(finance.post("/admin-api/ledger/credits", credit).status()).isEqualTo(200);
        assertThat(balances("ACCEPTOR", Long.toString(userId))).containsEntry("AVAILABLE", new BigDecimal("1500"));

        AppClient.Reply approved = risk.post("/admin-api/otc/acceptors/" + userId + "/approve", Map.of("reason", "KYC checked"));
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
        assertThat(approved.data().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(balances("ACCEPTOR", Long.toString(userId)))
                .containsEntry("AVAILABLE", new BigDecimal("500"))
                .containsEntry("MARGIN", new BigDecimal("1000"));

        AppClient.Reply listed = app.post("/app-api/otc/ads", ad("400", "10", "200"));
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);
        assertThat(balances("ACCEPTOR", Long.toString(userId)))
                .containsEntry("AVAILABLE", new BigDecimal("100"))
                .containsEntry("FROZEN", new BigDecimal("400"))
                .containsEntry("MARGIN", new BigDecimal("1000"));
        AppClient.Reply tooMuch = app.post("/app-api/otc/ads", ad("101", "10", "200"));
        assertThat(tooMuch.status()).isEqualTo(409);

        // leaving: ads closed first, then the margin comes back
        long adId = listed.data().get("adId").asLong();
        assertThat(app.post("/app-api/otc/acceptor/leave", null).status()).isEqualTo(409);
        assertThat(app.post("/app-api/otc/ads/" + adId + "/close", null).status()).isEqualTo(200);
        AppClient.Reply left = app.post("/app-api/otc/acceptor/leave", null);
        assertThat(left.status()).as(left.body().toString()).isEqualTo(200);
        assertThat(balances("ACCEPTOR", Long.toString(userId)))
                .containsEntry("AVAILABLE", new BigDecimal("1500"))
                .containsEntry("FROZEN", BigDecimal.ZERO)
                .containsEntry("MARGIN", BigDecimal.ZERO);

        assertThat(risk.get("/admin-api/otc/op-logs?operation=otc.acceptor.approve").data().get("list").get(0).get("reason").asText())
                .isEqualTo("KYC checked");
        assertLedgerReconciles();
    }

    // ------------------------------------------------------------------ the payment

    @Test
    void aPaymentSettlesThroughAnOnlineAcceptorAndTheMerchantGetsASignedCallback() throws Exception {
        Acceptor acceptor = payingAcceptor();
        String owner = Long.toString(acceptor.userId());
        Map<String, BigDecimal> acceptorBefore = balances("ACCEPTOR", owner);
        BigDecimal merchantBefore = balances("MERCHANT", merchant.merchantNo).getOrDefault("AVAILABLE", BigDecimal.ZERO);
        BigDecimal feeBefore = balances("PLATFORM", "platform").getOrDefault("FEE_INCOME", BigDecimal.ZERO);
        BigDecimal roundingBefore = balances("PLATFORM", "platform").getOrDefault("ROUNDING", BigDecimal.ZERO);

        String merchantOrderNo = "A-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> place = order(merchantOrderNo, "100.00");
        AppClient.Reply created = merchant.post("/merchant-api/orders", place);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        JsonNode order = created.data();
        String orderNo = order.get("orderNo").asText();
        assertThat(order.get("status").asText()).isEqualTo("CREATED");
        assertThat(order.get("coinAmount").asText()).isEqualTo("13.888888"); // 100 / 7.2, down to 6 places
        BigDecimal payable = new BigDecimal(order.get("payableAmount").asText());
        assertThat(payable).isBetween(new BigDecimal("100.00"), new BigDecimal("100.99"));
        assertThat(merchant.post("/merchant-api/orders", place).data().get("orderNo").asText()).isEqualTo(orderNo); // idempotent

        // the buyer's page: the amount to the cent and the payee
        String cashierUrl = order.get("cashierUrl").asText();
        Matcher token = Pattern.compile("[?&]o=([^&]+)").matcher(cashierUrl);
        assertThat(token.find()).as(cashierUrl).isTrue();
        JsonNode page = getJson(mesh.gateway() + "/cashier/api/orders/" + token.group(1));
        assertThat(page.path("data").get("payableAmount").asText()).isEqualTo(payable.toPlainString());
        assertThat(page.path("data").toString()).contains("payee-" + owner);

        // the acceptor's phone learns the amount to expect, then sees the buyer's credit and reports it - three
        // times: a resend of the same notification, and the same again at once
        JsonNode assigned = acceptor.monitor().awaitFrame(f -> "order.assigned".equals(f.path("type").asText())
                && orderNo.equals(f.path("orderId").asText()), Duration.ofSeconds(20));
        assertThat(new BigDecimal(assigned.get("payableAmount").asText())).isEqualByComparingTo(payable);
        String notification = "n-" + UUID.randomUUID();
        List<JsonNode> acks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            acks.add(acceptor.monitor().reportPayment(notification, "ALIPAY", payable.toPlainString(), CNY, "buyer", Instant.now())
                    .get(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(acks).extracting(a -> a.path("status").asText()).containsExactly("accepted", "duplicate", "duplicate");

        JsonNode completed = await("order " + orderNo + " completed", () -> {
            JsonNode o = merchant.get("/merchant-api/orders/" + orderNo, Map.of()).data();
            return "COMPLETED".equals(o.path("status").asText()) ? o : null;
        });
        BigDecimal coin = new BigDecimal(completed.get("coinAmount").asText());
        BigDecimal toMerchant = new BigDecimal(completed.get("merchantCoinAmount").asText());
        BigDecimal fee = new BigDecimal(completed.get("feeCoinAmount").asText());
        assertThat(toMerchant.add(fee)).isEqualByComparingTo(coin);
        assertThat(fee).isEqualByComparingTo("0.277778"); // 2 % of 13.888888, half up to 6 places

        // the callback: signed by the platform's key over the exact body, verified with its published public key
        Callback callback = awaitCallback(c -> orderNo.equals(c.json().path("orderNo").asText()));
        assertThat(callback.json().get("eventType").asText()).isEqualTo("ORDER_COMPLETED");
        assertThat(callback.json().get("merchantCoinAmount").asText()).isEqualTo(toMerchant.toPlainString());
        String pem = getJson(mesh.gateway() + "/merchant-api/platform-key").path("data").get("publicKeyPem").asText();
        String signature = callback.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Signature"))
                .findFirst().orElseThrow().getValue().get(0);
        assertThat(RsaKeys.verify(RsaKeys.parsePublic(pem), callback.body(), signature)).isTrue();
        assertThat(RsaKeys.verify(RsaKeys.parsePublic(pem), callback.body().replace(orderNo, orderNo + "X"), signature)).isFalse();
        JsonNode deliveries = merchant.get("/merchant-api/orders/" + orderNo + "/callbacks", Map.of()).data();
        assertThat(deliveries.findValuesAsText("status")).contains("DELIVERED");

        // the money: the merchant got coin - fee; the fee is the acceptor's commission plus the platform's income
        // (plus rounding); the acceptor's frozen coin paid for all of it; one release only
        Map<String, BigDecimal> acceptorAfter = balances("ACCEPTOR", owner);
        BigDecimal merchantGot = balances("MERCHANT", merchant.merchantNo).get("AVAILABLE").subtract(merchantBefore);
        BigDecimal commission = acceptorAfter.get("AVAILABLE").subtract(acceptorBefore.get("AVAILABLE"));
        BigDecimal platformGot = balances("PLATFORM", "platform").getOrDefault("FEE_INCOME", BigDecimal.ZERO).subtract(feeBefore)
                .add(balances("PLATFORM", "platform").getOrDefault("ROUNDING", BigDecimal.ZERO).subtract(roundingBefore));
        BigDecimal frozenSpent = acceptorBefore.get("FROZEN").subtract(acceptorAfter.get("FROZEN"));
        assertThat(merchantGot).isEqualByComparingTo(toMerchant);
        assertThat(commission).isEqualByComparingTo("0.111111"); // 40 % of the fee
        assertThat(commission.add(platformGot)).isEqualByComparingTo(fee);
        assertThat(frozenSpent).isEqualByComparingTo(coin);
        assertThat(merchantGot.add(commission).add(platformGot)).isEqualByComparingTo(frozenSpent);

        // the monitor is told the order ended; the same report again still releases nothing more
        acceptor.monitor().awaitFrame(f -> "order.closed".equals(f.path("type").asText()) && orderNo.equals(f.path("orderId").asText()),
                Duration.ofSeconds(20));
        acceptor.monitor().reportPayment("n-" + UUID.randomUUID(), "ALIPAY", payable.toPlainString(), CNY, "buyer", Instant.now())
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        await("the second payment is kept for review", () -> {
            JsonNode reports = finance.get("/admin-api/otc/payment-reports?status=UNMATCHED&pageSize=100").data().get("list");
            for (JsonNode r : reports) {
                if (new BigDecimal(r.path("amount").asText()).compareTo(payable) == 0 && r.path("acceptorId").asLong() == acceptor.userId()) {
                    return r;
                }
            }
            return null;
        });
        assertThat(balances("MERCHANT", merchant.merchantNo).get("AVAILABLE").subtract(merchantBefore)).isEqualByComparingTo(toMerchant);
        assertLedgerReconciles();
    }

    @Test
    void aPaymentForAnExpiredOrderIsKeptAsLateAndReleasesNothing() throws Exception {
        Acceptor acceptor = payingAcceptor();
        BigDecimal merchantBefore = balances("MERCHANT", merchant.merchantNo).getOrDefault("AVAILABLE", BigDecimal.ZERO);
        Map<String, BigDecimal> acceptorBefore = balances("ACCEPTOR", Long.toString(acceptor.userId()));
        AppClient.Reply created = merchant.post("/merchant-api/orders", order("L-" + UUID.randomUUID().toString().substring(0, 8), "50.00"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        String orderNo = created.data().get("orderNo").asText();
        String payable = created.data().get("payableAmount").asText();

        // let its time run out (the shortest expiry is 5 minutes): job-svc's expiry job then ends it
        try (Connection c = LocalInfra.rootConnection();
             PreparedStatement s = c.prepareStatement("UPDATE " + mesh.schema("otc-svc")
                     + ".payment_order SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND WHERE order_no = ?")) {
            s.setString(1, orderNo);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        await("order " + orderNo + " expired", () -> {
            JsonNode o = merchant.get("/merchant-api/orders/" + orderNo, Map.of()).data();
            return "EXPIRED".equals(o.path("status").asText()) ? o : null;
        });
        assertThat(awaitCallback(c -> orderNo.equals(c.json().path("orderNo").asText())).json().get("eventType").asText())
                .isEqualTo("ORDER_EXPIRED");

        JsonNode ack = acceptor.monitor().reportPayment("n-" + UUID.randomUUID(), "ALIPAY", payable, CNY, "late buyer", Instant.now())
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ack.path("status").asText()).isEqualTo("accepted");
        JsonNode report = await("the late payment is kept for review", () -> {
            for (JsonNode r : finance.get("/admin-api/otc/payment-reports?status=UNMATCHED&pageSize=100").data().get("list")) {
                if (new BigDecimal(r.path("amount").asText()).compareTo(new BigDecimal(payable)) == 0
                        && r.path("acceptorId").asLong() == acceptor.userId()) {
                    return r;
                }
            }
            return null;
        });
        assertThat(report.path("unmatchedReason").asText()).isEqualTo("ORDER_CLOSED");
        assertThat(merchant.get("/merchant-api/orders/" + orderNo, Map.of()).data().get("status").asText()).isEqualTo("EXPIRED");
        assertThat(balances("MERCHANT", merchant.merchantNo).getOrDefault("AVAILABLE", BigDecimal.ZERO)).isEqualByComparingTo(merchantBefore);
        assertThat(balances("ACCEPTOR", Long.toString(acceptor.userId()))).isEqualTo(acceptorBefore);
        assertLedgerReconciles();
    }

    @Test
    void operatorsReleaseByHandResolveAppealsAndReviewLatePaymentsEachWithItsReasonLogged() throws Exception {
        // a list filter that is no status at all is refused, not answered with an empty page
        for (AppClient.Reply bogus : List.of(finance.get("/admin-api/otc/payment-reports?status=BOGUS"),
                finance.get("/admin-api/otc/orders?status=BOGUS"), risk.get("/admin-api/otc/acceptors?status=BOGUS"),
                merchant.get("/merchant-api/orders", Map.of("status", "BOGUS")))) {
            assertThat(bogus.status()).as(bogus.body().toString()).isEqualTo(400);
            assertThat(bogus.code()).isEqualTo(10001);
            assertThat(bogus.data().get("errors").findValuesAsText("field")).containsExactly("status");
        }
        Acceptor acceptor = payingAcceptor();

        // the monitor missed a payment: finance releases the order by hand (support may not)
        JsonNode missed = merchant.post("/merchant-api/orders", order("R-" + UUID.randomUUID().toString().substring(0, 8), "20.00")).data();
        String missedNo = missed.get("orderNo").asText();
        AppClient.Reply bySupport = support.post("/admin-api/otc/orders/" + missedNo + "/release", Map.of("reason", "trying"));
        assertThat(bySupport.status()).isEqualTo(403);
        AppClient.Reply released = finance.post("/admin-api/otc/orders/" + missedNo + "/release",
                Map.of("reason", "buyer's bank slip checked, ticket 5"));
        assertThat(released.status()).as(released.body().toString()).isEqualTo(200);
        assertThat(released.data().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(awaitCallback(c -> missedNo.equals(c.json().path("orderNo").asText())).json().get("eventType").asText())
                .isEqualTo("ORDER_COMPLETED");
        assertThat(finance.post("/admin-api/otc/orders/" + missedNo + "/release", Map.of("reason", "again")).code()).isEqualTo(16005);

        // a dispute: risk opens an appeal (the merchant can no longer close it) and decides to cancel
        JsonNode disputed = merchant.post("/merchant-api/orders", order("D-" + UUID.randomUUID().toString().substring(0, 8), "30.00")).data();
        String disputedNo = disputed.get("orderNo").asText();
        AppClient.Reply appeal = risk.post("/admin-api/otc/orders/" + disputedNo + "/appeal", Map.of("reason", "buyer says paid twice"));
        assertThat(appeal.data().get("status").asText()).as(appeal.body().toString()).isEqualTo("APPEAL");
        assertThat(merchant.post("/merchant-api/orders/" + disputedNo + "/close", null).code()).isEqualTo(16005);
        AppClient.Reply cancelled = risk.post("/admin-api/otc/orders/" + disputedNo + "/appeal/resolve",
                Map.of("decision", "CANCEL", "reason", "no payment found on the acceptor's statement"));
        assertThat(cancelled.data().get("status").asText()).as(cancelled.body().toString()).isEqualTo("CANCELLED");
        assertThat(awaitCallback(c -> disputedNo.equals(c.json().path("orderNo").asText())).json().get("eventType").asText())
                .isEqualTo("ORDER_CANCELLED");

        // the buyer pays after all: a late payment of that order, reviewed once by finance
        acceptor.monitor().reportPayment("n-" + UUID.randomUUID(), "ALIPAY", disputed.get("payableAmount").asText(), CNY, "late",
                Instant.now()).get(10, java.util.concurrent.TimeUnit.SECONDS);
        JsonNode late = await("the late payment of " + disputedNo, () -> {
            for (JsonNode r : finance.get("/admin-api/otc/payment-reports?status=UNMATCHED&pageSize=100").data().get("list")) {
                if (disputedNo.equals(r.path("orderNo").asText())) {
                    return r;
                }
            }
            return null;
        });
        assertThat(late.get("unmatchedReason").asText()).isEqualTo("ORDER_CLOSED");
        String reportId = late.get("reportId").asText();
        AppClient.Reply reviewed = finance.post("/admin-api/otc/payment-reports/" + reportId + "/review",
                Map.of("reason", "refunded to the buyer by the acceptor, receipt 88"));
        assertThat(reviewed.data().get("status").asText()).as(reviewed.body().toString()).isEqualTo("REVIEWED");
        assertThat(finance.post("/admin-api/otc/payment-reports/" + reportId + "/review", Map.of("reason", "again")).code()).isEqualTo(16005);

        JsonNode logs = finance.get("/admin-api/otc/op-logs?pageSize=100").data().get("list");
        assertThat(logs.findValuesAsText("reason")).contains("buyer's bank slip checked, ticket 5", "buyer says paid twice",
                "no payment found on the acceptor's statement", "refunded to the buyer by the acceptor, receipt 88");
        assertLedgerReconciles();
    }

    @Test
    void twoHundredConcurrentOrdersForOneAmountGetDistinctPayableAmountsAndEndedOnesAreReused() throws Exception {
        // two acceptors whose ads alone take 300-400 CNY: 100 payable amounts each (333.00 ... 333.99) on ALIPAY
        Acceptor a = onboardAcceptor("6000", "4700", "300", "400");
        Acceptor b = onboardAcceptor("6000", "4700", "300", "400");
        ExecutorService pool = Executors.newFixedThreadPool(200);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AppClient.Reply>> replies = new ArrayList<>();
        String batch = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 200; i++) {
            Map<String, Object> body = order("C-" + batch + "-" + i, "333.00");
            replies.add(pool.submit(() -> {
                start.await();
                return placeLikeAMerchant(body);
            }));
        }
        start.countDown();
        List<JsonNode> orders = new ArrayList<>();
        for (Future<AppClient.Reply> f : replies) {
            AppClient.Reply r = f.get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
            orders.add(r.data());
        }
        pool.shutdown();
        System.out.println("200 concurrent orders placed; retries after 10503/10504: " + RETRIES.get());

        // every order was given to one of the two monitors, with an amount no other open order of it holds
        Set<String> orderNos = new HashSet<>();
        orders.forEach(o -> orderNos.add(o.get("orderNo").asText()));
        assertThat(orderNos).hasSize(200);
        Map<Long, List<String>> amounts = Map.of(a.userId(), amountsAssigned(a, orderNos), b.userId(), amountsAssigned(b, orderNos));
        assertThat(amounts.get(a.userId()).size() + amounts.get(b.userId()).size()).isEqualTo(200);
        for (List<String> perAcceptor : amounts.values()) {
            assertThat(new HashSet<>(perAcceptor)).hasSameSizeAs(perAcceptor);
            assertThat(perAcceptor).allMatch(x -> new BigDecimal(x).compareTo(new BigDecimal("333.00")) >= 0
                    && new BigDecimal(x).compareTo(new BigDecimal("333.99")) <= 0);
        }

        // all 200 amounts are taken: the next order has nowhere to go
        AppClient.Reply full = merchant.post("/merchant-api/orders", order("C-" + batch + "-full", "333.00"));
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.code()).isEqualTo(16002);

        // an order ends; its amount is free again and the next order gets exactly it
        JsonNode ended = orders.get(17);
        AppClient.Reply closed = merchant.post("/merchant-api/orders/" + ended.get("orderNo").asText() + "/close", null);
        assertThat(closed.data().get("status").asText()).as(closed.body().toString()).isEqualTo("CANCELLED");
        AppClient.Reply again = merchant.post("/merchant-api/orders", order("C-" + batch + "-again", "333.00"));
        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.data().get("payableAmount").asText()).isEqualTo(ended.get("payableAmount").asText());

        // the rest end too; every hold returns to its ad and the ledger still balances
        for (JsonNode o : orders) {
            merchant.post("/merchant-api/orders/" + o.get("orderNo").asText() + "/close", null);
        }
        merchant.post("/merchant-api/orders/" + again.data().get("orderNo").asText() + "/close", null);
        for (Acceptor x : List.of(a, b)) {
            x.app().post("/app-api/otc/ads/" + x.adId() + "/pause", null);
        }
        assertLedgerReconciles();
    }

    @Test
    void anAdAnotherOrderIsBeingPlacedOnIsSkippedNotWaitedFor() throws Exception {
        // two acceptors whose ads alone take 500-600 CNY
        Acceptor a = onboardAcceptor("6000", "4700", "500", "600");
        Acceptor b = onboardAcceptor("6000", "4700", "500", "600");
        String batch = UUID.randomUUID().toString().substring(0, 6);
        for (Acceptor busy : List.of(a, b)) {
            Acceptor free = busy == a ? b : a;
            // hold the busy ad's row as an order being placed on it would (otc-svc's create-order transaction)
            try (Connection c = LocalInfra.rootConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement lock = c.prepareStatement("SELECT id FROM " + mesh.schema("otc-svc") + ".acceptor_ad WHERE id = ? FOR UPDATE")) {
                    lock.setLong(1, busy.adId());
                    assertThat(lock.executeQuery().next()).isTrue();
                }
                AppClient.Reply r = merchant.post("/merchant-api/orders", order("S-" + batch + "-" + busy.userId(), "555.00"));
                assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
                String orderNo = r.data().get("orderNo").asText();
                assertThat(amountsAssigned(free, Set.of(orderNo), 1)).containsExactly("555.00");
                c.rollback();
                merchant.post("/merchant-api/orders/" + orderNo + "/close", null);
            }
        }
        for (Acceptor x : List.of(a, b)) {
            x.app().post("/app-api/otc/ads/" + x.adId() + "/pause", null);
        }
        assertLedgerReconciles();
    }

    @Test
    void theMerchantApiDocsWorkedExamplesRunAsWritten() throws Exception {
        // docs/merchant-api.md's bash blocks: 0 make the key pair, 1 fetch the platform key, 2 create an order,
        // 3 query it, 4 verify a callback. Only the gateway, the merchant's own values and the order number change.
        List<String> blocks = AppSignatureDocIT.bashBlocks(Files.readString(AppSignatureDocIT.repoRoot().resolve("docs/merchant-api.md")));
        assertThat(blocks).hasSize(5);
        Path dir = Files.createTempDirectory("merchant-doc");
        AppSignatureDocIT.bash(dir, blocks.get(0));
        assertThat(dir.resolve("merchant-key.pem")).exists();

        String merchantNo = "DOC-" + UUID.randomUUID().toString().substring(0, 6);
        AppClient.Reply onboarded = manager.post("/admin-api/merchant/merchants", Map.of("merchantNo", merchantNo, "name", "Doc Shop",
                "ipWhitelist", List.of("127.0.0.1"), "publicKeyPem", Files.readString(dir.resolve("merchant-pub.pem")), "reason", "e2e: the docs' merchant"));
        assertThat(onboarded.status()).as(onboarded.body().toString()).isEqualTo(200);
        Acceptor acceptor = payingAcceptor();
        String notifyUrl = "http://127.0.0.1:" + merchantEndpoint.getAddress().getPort() + "/notify";
        String placing = (blocks.get(1) + blocks.get(2)).replace("GW=http://127.0.0.1:8080", "GW=" + mesh.gateway())
                .replaceAll("(?m)^MERCHANT_NO=\\S+", "MERCHANT_NO=" + merchantNo)
                .replaceAll("(?m)^NOTIFY_URL=\\S+", "NOTIFY_URL=" + notifyUrl)
                .replaceAll("(?m)^MY_ORDER=\\S+", "MY_ORDER=" + merchantNo + "-1");

        List<String> created = AppSignatureDocIT.bash(dir, placing);
        assertThat(created).hasSize(2);
        assertThat(created.get(0)).startsWith("channel=ALIPAY,coin=USDT,contentSha256=").contains(",merchantNo=" + merchantNo + ",");
        JsonNode order = AppClient.MAPPER.readTree(created.get(1));
        assertThat(order.path("code").asInt()).as(created.get(1)).isZero();
        assertThat(order.at("/data/status").asText()).isEqualTo("CREATED");
        assertThat(order.at("/data/fiatAmount").asText()).isEqualTo("100.00");
        assertThat(Files.readString(dir.resolve("platform-pub.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        String orderNo = order.at("/data/orderNo").asText();

        JsonNode ack = acceptor.monitor().reportPayment("n-" + UUID.randomUUID(), "ALIPAY", order.at("/data/payableAmount").asText(), CNY,
                "doc buyer", Instant.now()).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(ack.path("status").asText()).isEqualTo("accepted");
        Callback callback = awaitCallback(c -> orderNo.equals(c.json().path("orderNo").asText()));

        // the doc's query, after its create block again: the same merchant order number answers the same order
        List<String> queried = AppSignatureDocIT.bash(dir, placing + blocks.get(3).replaceAll("(?m)^ORDER_NO=\\S+", "ORDER_NO=" + orderNo));
        assertThat(queried).hasSize(3);
        assertThat(AppClient.MAPPER.readTree(queried.get(1)).at("/data/orderNo").asText()).isEqualTo(orderNo);
        JsonNode paid = AppClient.MAPPER.readTree(queried.get(2)).path("data");
        assertThat(paid.path("status").asText()).as(queried.get(2)).isEqualTo("COMPLETED");
        assertThat(new BigDecimal(paid.path("merchantCoinAmount").asText()).add(new BigDecimal(paid.path("feeCoinAmount").asText())))
                .isEqualByComparingTo(paid.path("coinAmount").asText());

        Files.write(dir.resolve("body.json"), callback.body().getBytes(StandardCharsets.UTF_8));
        String signature = callback.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Signature"))
                .findFirst().orElseThrow().getValue().get(0);
        assertThat(AppSignatureDocIT.bash(dir, "SIGNATURE='" + signature + "'\n" + blocks.get(4))).containsExactly("Verified OK");
    }

    // ------------------------------------------------------------------ helpers

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
            Thread.sleep(1000L * attempt);
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
        return Map.of("merchantOrderNo", merchantOrderNo, "fiatAmount", fiatAmount, "fiatCurrency", CNY, "coin", "USDT",
                "channel", "ALIPAY", "notifyUrl", "http://127.0.0.1:" + merchantEndpoint.getAddress().getPort() + "/notify",
                "returnUrl", "https://shop.example/thanks", "expireMinutes", 15);
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

    static void assertLedgerReconciles() throws Exception {
        AppClient.Reply run = finance.post("/admin-api/ledger/reconciliation/runs", Map.of());
        assertThat(run.status()).as(run.body().toString()).isEqualTo(200);
        assertThat(run.data().get("ok").asBoolean()).as(run.body().toString()).isTrue();
        assertThat(run.data().get("differenceCount").asLong()).isZero();
        assertThat(run.data().get("postingsChecked").asLong()).isPositive();
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
}
