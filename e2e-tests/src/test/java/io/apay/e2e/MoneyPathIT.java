package io.apay.e2e;

import static io.apay.e2e.MoneyFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.test.LocalInfra;
import io.apay.e2e.MoneyFixture.Acceptor;
import io.apay.e2e.MoneyFixture.Callback;
import java.math.BigDecimal;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The money path on the real mesh (gateway, user-svc, sms-svc, ledger-svc, otc-svc, push-svc, merchant-api-svc,
 * job-svc as processes on MariaDB, Redis and RabbitMQ): acceptors apply, are approved with a margin hold and list
 * ads; their monitors connect through the gateway; a merchant places orders signed with its RSA key; the monitor
 * reports the buyer's payment; the ledger settles; the merchant's endpoint receives the signed callback. Every test
 * ends with the ledger's own reconciliation and job-svc's cross-service reconciliation finding no difference. The
 * races and faults of the same path are driven many times in the matrix tests (docs/race-matrix.md).
 */
class MoneyPathIT {

    @BeforeAll
    static void up() throws Exception {
        MoneyFixture.up();
    }

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

        // leaving: ads closed first, then the margin comes back. An ad closes only once paused (so no order can be
        // placed on it while it closes): closing an active one is refused and changes nothing
        long adId = listed.data().get("adId").asLong();
        assertThat(app.post("/app-api/otc/acceptor/leave", null).status()).isEqualTo(409);
        AppClient.Reply stillActive = app.post("/app-api/otc/ads/" + adId + "/close", null);
        assertThat(stillActive.status()).as(stillActive.body().toString()).isEqualTo(409);
        assertThat(stillActive.code()).as(stillActive.body().toString()).isEqualTo(16023);
        assertThat(adStatus(app, adId)).isEqualTo("ACTIVE");
        assertThat(balances("ACCEPTOR", Long.toString(userId))).containsEntry("FROZEN", new BigDecimal("400"));
        assertThat(app.post("/app-api/otc/ads/" + adId + "/pause", null).status()).isEqualTo(200);
        AppClient.Reply closedAd = app.post("/app-api/otc/ads/" + adId + "/close", null);
        assertThat(closedAd.status()).as(closedAd.body().toString()).isEqualTo(200);
        assertThat(closedAd.data().get("status").asText()).isEqualTo("CLOSED");
        AppClient.Reply left = app.post("/app-api/otc/acceptor/leave", null);
        assertThat(left.status()).as(left.body().toString()).isEqualTo(200);
        assertThat(balances("ACCEPTOR", Long.toString(userId)))
                .containsEntry("AVAILABLE", new BigDecimal("1500"))
                .containsEntry("FROZEN", BigDecimal.ZERO)
                .containsEntry("MARGIN", BigDecimal.ZERO);

        assertThat(risk.get("/admin-api/otc/op-logs?operation=otc.acceptor.approve").data().get("list").get(0).get("reason").asText())
                .isEqualTo("KYC checked");
        assertLedgerReconciles();
        assertCrossServiceReconciles();
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
        assertCrossServiceReconciles();
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
        assertCrossServiceReconciles();
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
        assertCrossServiceReconciles();
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

        // an order ends; its amount is not given out again at once (a buyer of the ended order may still pay it, and
        // that payment must not settle someone else's order), so the next order still has nowhere to go ...
        JsonNode ended = orders.get(17);
        AppClient.Reply closed = merchant.post("/merchant-api/orders/" + ended.get("orderNo").asText() + "/close", null);
        assertThat(closed.data().get("status").asText()).as(closed.body().toString()).isEqualTo("CANCELLED");
        long closedAt = System.nanoTime();
        AppClient.Reply quarantined = merchant.post("/merchant-api/orders", order("C-" + batch + "-again", "333.00"));
        assertThat(System.nanoTime() - closedAt).as("the next order was answered inside the quarantine")
                .isLessThan(SharedMesh.AMOUNT_QUARANTINE.toNanos());
        assertThat(quarantined.code()).as(quarantined.body().toString()).isEqualTo(16002);
        // ... and once the quarantine is over the next order gets exactly that amount
        Thread.sleep(SharedMesh.AMOUNT_QUARANTINE.plusMillis(500).toMillis());
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
        assertCrossServiceReconciles();
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
        assertCrossServiceReconciles();
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
        assertThat(created).hasSize(4);
        // the canonical string: method, path, then the encoded parameters sorted and joined with '&'
        assertThat(created.subList(0, 2)).containsExactly("POST", "/merchant-api/orders");
        assertThat(created.get(2)).startsWith("channel=ALIPAY&coin=USDT&contentSha256=").contains("&merchantNo=" + merchantNo + "&")
                .contains("&notifyUrl=" + notifyUrl.replace(":", "%3A").replace("/", "%2F") + "&");
        JsonNode order = AppClient.MAPPER.readTree(created.get(3));
        assertThat(order.path("code").asInt()).as(created.get(3)).isZero();
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
        assertThat(queried).hasSize(5);
        assertThat(AppClient.MAPPER.readTree(queried.get(3)).at("/data/orderNo").asText()).isEqualTo(orderNo);
        JsonNode paid = AppClient.MAPPER.readTree(queried.get(4)).path("data");
        assertThat(paid.path("status").asText()).as(queried.get(4)).isEqualTo("COMPLETED");
        assertThat(new BigDecimal(paid.path("merchantCoinAmount").asText()).add(new BigDecimal(paid.path("feeCoinAmount").asText())))
                .isEqualByComparingTo(paid.path("coinAmount").asText());

        Files.write(dir.resolve("body.json"), callback.body().getBytes(StandardCharsets.UTF_8));
        String signature = callback.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Signature"))
                .findFirst().orElseThrow().getValue().get(0);
        assertThat(AppSignatureDocIT.bash(dir, "SIGNATURE='" + signature + "'\n" + blocks.get(4))).containsExactly("Verified OK");
        assertLedgerReconciles();
        assertCrossServiceReconciles();
    }
}
