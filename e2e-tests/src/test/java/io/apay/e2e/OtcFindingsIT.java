package io.apay.e2e;

import static io.apay.e2e.Matrix.settlementsOf;
import static io.apay.e2e.MoneyFixture.CNY;
import static io.apay.e2e.MoneyFixture.assertCrossServiceReconciles;
import static io.apay.e2e.MoneyFixture.assertLedgerReconciles;
import static io.apay.e2e.MoneyFixture.await;
import static io.apay.e2e.MoneyFixture.balances;
import static io.apay.e2e.MoneyFixture.finance;
import static io.apay.e2e.MoneyFixture.onboardAcceptor;
import static io.apay.e2e.MoneyFixture.risk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.e2e.FaultProxy.Mode;
import io.apay.e2e.MoneyFixture.Acceptor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The review's findings on the money path that the race and fault matrix does not drive pair by pair, each as the
 * scenario that went wrong (docs/otc-order.md): an appeal of an order whose settlement answer was lost (finding 2),
 * an appeal released while the ledger is down (5), an acceptor leaving while the ledger is down (6), a coin without
 * an OTC fee schedule (7). Each ends with both reconciliations clean.
 */
class OtcFindingsIT {

    static MerchantClient shop;
    static FaultProxy ledger;
    static Acceptor acceptor;

    @BeforeAll
    static void up() throws Exception {
        MoneyFixture.up();
        shop = MoneyFixture.newMerchant("Findings Shop");
        ledger = SharedMesh.ledgerProxy();
        acceptor = onboardAcceptor("5000", "2000", "700", "800");
    }

    @AfterEach
    void ledgerBack() throws Exception {
        ledger.mode(Mode.PASS);
        await("the ledger reachable through the gateway", () -> finance.get("/admin-api/ledger/coins").status() == 200 ? true : null);
    }

    // finding 2: the ledger settled, otc-svc never heard it; an appeal opened and cancelled must not cancel a settled order
    @Test
    void anAppealOfAnOrderWhoseSettlementAnswerWasLostCompletesItInsteadOfCancellingIt() throws Exception {
        JsonNode order = place("701.00");
        String orderNo = order.path("orderNo").asText();
        BigDecimal availableBefore = adAvailable();
        ledger.mode(Mode.LOSE_ANSWER);
        pay(order);
        await("the settlement in the ledger", () -> Matrix.settlement(orderNo));
        assertThat(status(orderNo)).isEqualTo("PAID"); // otc-svc did not hear the answer
        AppClient.Reply appeal = risk.post("/admin-api/otc/orders/" + orderNo + "/appeal", Map.of("reason", "buyer disputes"));
        assertThat(appeal.status()).as(appeal.body().toString()).isEqualTo(200);
        assertThat(appeal.data().path("status").asText()).isEqualTo("APPEAL");
        ledger.mode(Mode.PASS);

        AppClient.Reply cancel = resolve(orderNo, "CANCEL");
        assertThat(cancel.status()).as(cancel.body().toString()).isEqualTo(409);
        assertThat(cancel.code()).isEqualTo(16007);
        assertThat(status(orderNo)).isEqualTo("COMPLETED");
        assertThat(settlementsOf(orderNo)).isEqualTo(1);
        assertThat(adAvailable()).as("the coin did not go back to the ad").isEqualByComparingTo(availableBefore);
        assertThat(events(orderNo)).containsExactly("ORDER_COMPLETED");
        assertLedgerReconciles();
        assertCrossServiceReconciles();
    }

    // finding 2, the other way: the settlement never reached the ledger; cancelling voids its key, so no late attempt lands
    @Test
    void anAppealOfAnOrderWhoseSettlementNeverArrivedCancelsItAndNoLateAttemptCanSettle() throws Exception {
        BigDecimal availableBefore = adAvailable();
        JsonNode order = place("702.00");
        String orderNo = order.path("orderNo").asText();
        ledger.mode(Mode.DOWN);
        pay(order);
        await("the order PAID", () -> "PAID".equals(status(orderNo)) ? true : null);
        AppClient.Reply appeal = risk.post("/admin-api/otc/orders/" + orderNo + "/appeal", Map.of("reason", "acceptor says the credit bounced"));
        assertThat(appeal.data().path("status").asText()).as(appeal.body().toString()).isEqualTo("APPEAL");
        ledger.mode(Mode.PASS);

        AppClient.Reply cancel = resolve(orderNo, "CANCEL");
        assertThat(cancel.status()).as(cancel.body().toString()).isEqualTo(200);
        assertThat(cancel.data().path("status").asText()).isEqualTo("CANCELLED");
        // the settle key is spent: the same settlement sent now (as a late attempt would be) has no effect
        AppClient.Reply late = Matrix.call("ledger-svc", "GET", "/rpc-api/ledger/transactions/by-key?idempotencyKey=order:" + orderNo + ":settle");
        assertThat(late.data().path("type").asText()).isEqualTo("VOID");
        assertThat(settlementsOf(orderNo)).isZero();
        assertThat(adAvailable()).as("the order's coin is back on the ad").isEqualByComparingTo(availableBefore);
        assertThat(events(orderNo)).containsExactly("ORDER_CANCELLED");
        assertLedgerReconciles();
        assertCrossServiceReconciles();
    }

    // finding 5: an appeal on an unpaid order, released while the ledger is down, was stuck forever (paid_at NULL)
    @Test
    void anAppealOfAnUnpaidOrderReleasedWhileTheLedgerIsDownSettlesWhenItIsBack() throws Exception {
        String orderNo = place("703.00").path("orderNo").asText();
        assertThat(risk.post("/admin-api/otc/orders/" + orderNo + "/appeal", Map.of("reason", "buyer sent a bank slip"))
                .data().path("status").asText()).isEqualTo("APPEAL");
        ledger.mode(Mode.DOWN);
        AppClient.Reply release = risk.post("/admin-api/otc/orders/" + orderNo + "/appeal/resolve",
                Map.of("decision", "RELEASE", "reason", "bank slip checked"));
        assertThat(release.status()).as(release.body().toString()).isEqualTo(200);
        assertThat(release.data().path("status").asText()).isEqualTo("PAID");
        assertThat(release.data().path("paidAt").isNull()).as("paidAt set by the release").isFalse();
        ledger.mode(Mode.PASS);
        await("the order completed by the recovery job", () -> "COMPLETED".equals(status(orderNo)) ? true : null);
        assertThat(settlementsOf(orderNo)).isEqualTo(1);
        assertLedgerReconciles();
        assertCrossServiceReconciles();
    }

    // finding 6: an acceptor leaving while the ledger is down is LEAVING, and LEFT with its margin back once it is up
    @Test
    void anAcceptorLeavingWhileTheLedgerIsDownLeavesOnceItIsBack() throws Exception {
        Acceptor leaving = onboardAcceptor("1500", "100", "900", "901");
        String owner = Long.toString(leaving.userId());
        assertThat(leaving.app().post("/app-api/otc/ads/" + leaving.adId() + "/pause", null).status()).isEqualTo(200);
        assertThat(leaving.app().post("/app-api/otc/ads/" + leaving.adId() + "/close", null).data().path("status").asText()).isEqualTo("CLOSED");
        ledger.mode(Mode.DOWN);
        AppClient.Reply left = leaving.app().post("/app-api/otc/acceptor/leave", null);
        assertThat(left.status()).as(left.body().toString()).isEqualTo(200);
        assertThat(left.data().path("status").asText()).isEqualTo("LEAVING");
        assertThat(Matrix.balance("ACCEPTOR", owner, "MARGIN")).isEqualByComparingTo("1000"); // on the ledger's own port
        ledger.mode(Mode.PASS);
        await("the acceptor LEFT", () -> "LEFT".equals(leaving.app().get("/app-api/otc/acceptor").data().path("status").asText()) ? true : null);
        assertThat(balances("ACCEPTOR", owner)).containsEntry("MARGIN", BigDecimal.ZERO).containsEntry("AVAILABLE", new BigDecimal("1500"));
        assertLedgerReconciles();
        assertCrossServiceReconciles();
    }

    // finding 7: an ad or an order in a coin the ledger knows but has no OTC fee schedule for could never settle
    @Test
    void adsAndOrdersInACoinWithoutAnOtcFeeScheduleAreRefused() throws Exception {
        String owner = Long.toString(acceptor.userId());
        AppClient.Reply funded = finance.post("/admin-api/ledger/credits", Map.of("requestId", "fund-btc-acceptor-" + owner, "owner", Map.of("ownerType", "ACCEPTOR",
                "ownerId", owner), "coin", "BTC", "amount", "1", "reason", "e2e: a coin OTC does not trade"));
        assertThat(funded.status()).as(funded.body().toString()).isEqualTo(200);
        Map<String, Object> btcAd = new java.util.HashMap<>(MoneyFixture.ad("0.5", "10", "200"));
        btcAd.put("coin", "BTC");
        AppClient.Reply ad = acceptor.app().post("/app-api/otc/ads", btcAd);
        assertThat(ad.status()).as(ad.body().toString()).isEqualTo(400);
        assertThat(ad.code()).isEqualTo(16006);
        assertThat(ad.body().toString()).doesNotContain("Exception");
        AppClient.Reply held = finance.get("/admin-api/ledger/balances?ownerType=ACCEPTOR&ownerId=" + owner + "&coin=BTC");
        for (JsonNode account : held.data()) {
            if ("FROZEN".equals(account.path("kind").asText())) {
                assertThat(new BigDecimal(account.path("balance").asText())).as("no BTC held").isZero();
            }
        }
        Map<String, Object> btcOrder = new java.util.HashMap<>(orderBody("55.00"));
        btcOrder.put("coin", "BTC");
        AppClient.Reply order = shop.post("/merchant-api/orders", btcOrder);
        assertThat(order.status()).as(order.body().toString()).isEqualTo(400);
        assertThat(order.code()).isEqualTo(16006);
        assertCrossServiceReconciles();
    }

    // ------------------------------------------------------------------ helpers

    static Map<String, Object> orderBody(String fiat) {
        Map<String, Object> body = new java.util.HashMap<>(MoneyFixture.order("F-" + UUID.randomUUID().toString().substring(0, 8), fiat));
        return body;
    }

    JsonNode place(String fiat) throws Exception {
        AppClient.Reply r = shop.post("/merchant-api/orders", orderBody(fiat));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.data();
    }

    void pay(JsonNode order) throws Exception {
        JsonNode ack = acceptor.monitor().reportPayment("n-" + UUID.randomUUID(), "ALIPAY", order.path("payableAmount").asText(), CNY,
                "buyer", Instant.now()).get(10, TimeUnit.SECONDS);
        assertThat(ack.path("status").asText()).isEqualTo("accepted");
    }

    String status(String orderNo) throws Exception {
        return shop.get("/merchant-api/orders/" + orderNo, Map.of()).data().path("status").asText();
    }

    BigDecimal adAvailable() throws Exception {
        for (JsonNode a : acceptor.app().get("/app-api/otc/ads").data()) {
            if (a.path("adId").asLong() == acceptor.adId()) {
                return new BigDecimal(a.path("availableCoin").asText());
            }
        }
        throw new AssertionError("ad " + acceptor.adId() + " not listed");
    }

    /** Resolves an appeal; while otc-svc cannot reach the ledger yet (its breaker still open) it answers 503: again. */
    static AppClient.Reply resolve(String orderNo, String decision) throws Exception {
        return await("the appeal of " + orderNo + " resolved", () -> {
            AppClient.Reply r = risk.post("/admin-api/otc/orders/" + orderNo + "/appeal/resolve", Map.of("decision", decision, "reason", "risk decided"));
            return r.status() == 503 ? null : r;
        });
    }

    /** The terminal callback events the merchant was sent for an order, once it has at least one. */
    static List<String> events(String orderNo) throws Exception {
        await("a callback for " + orderNo, () -> MoneyFixture.CALLBACKS.stream()
                .anyMatch(c -> orderNo.equals(c.json().path("orderNo").asText())) ? true : null);
        Thread.sleep(1500); // a second, wrong event would come right behind the first
        return MoneyFixture.CALLBACKS.stream().filter(c -> orderNo.equals(c.json().path("orderNo").asText()))
                .map(c -> c.json().path("eventType").asText()).distinct().toList();
    }
}
