package io.apay.e2e;

import static io.apay.e2e.Matrix.ITERATIONS;
import static io.apay.e2e.Matrix.RANDOM;
import static io.apay.e2e.Matrix.awaitOrder;
import static io.apay.e2e.Matrix.balance;
import static io.apay.e2e.Matrix.fiat;
import static io.apay.e2e.Matrix.ledgerTxn;
import static io.apay.e2e.Matrix.race;
import static io.apay.e2e.Matrix.recover;
import static io.apay.e2e.Matrix.settlement;
import static io.apay.e2e.Matrix.settlementsOf;
import static io.apay.e2e.MoneyFixture.ad;
import static io.apay.e2e.MoneyFixture.assertCrossServiceReconciles;
import static io.apay.e2e.MoneyFixture.assertLedgerReconciles;
import static io.apay.e2e.MoneyFixture.await;
import static io.apay.e2e.MoneyFixture.finance;
import static io.apay.e2e.MoneyFixture.onboardAcceptor;
import static io.apay.e2e.MoneyFixture.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.e2e.FaultProxy.Mode;
import io.apay.e2e.MoneyFixture.Acceptor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger unreachable, or its answers lost, while otc-svc moves money (docs/race-matrix.md, pairs 7 and 8):
 * every other service reaches ledger-svc through {@link SharedMesh#ledgerProxy()}; the test reads the ledger on its
 * own port. A paid order stays PAID while the ledger is away and completes with exactly one settlement once the
 * recovery job runs; an ad listed or closed meanwhile is left OPENING or CLOSING and ends ACTIVE with exactly one
 * hold, or CLOSED with it released. Each driven {@link Matrix#ITERATIONS} times.
 */
class LedgerFaultMatrixIT {

    /** Orders per round: the recovery job takes 100 a call. */
    static final int ROUND = 100;

    static MerchantClient shop;
    static FaultProxy ledger;

    @BeforeAll
    static void up() throws Exception {
        MoneyFixture.up();
        shop = MoneyFixture.newMerchant("Fault Matrix Shop");
        ledger = SharedMesh.ledgerProxy();
    }

    @AfterEach
    void ledgerBack() throws Exception {
        ledger.mode(Mode.PASS);
        // the callers' circuit breakers close again once the ledger answers: wait for it before the next test
        Matrix.waitOutOpenBreakers("ledger-svc");
        await("the ledger reachable through the gateway", () -> finance.get("/admin-api/ledger/coins").status() == 200 ? true : null);
    }

    @Test
    void aPaymentWhileTheLedgerIsDownSettlesOnceWhenItIsBack() throws Exception {
        settleThroughAFault("settle x ledger down", 7100, Mode.DOWN);
    }

    @Test
    void aPaymentWhoseSettlementAnswerIsLostSettlesOnce() throws Exception {
        settleThroughAFault("settle x answer lost", 8100, Mode.LOSE_ANSWER);
    }

    private void settleThroughAFault(String pair, int base, Mode fault) throws Exception {
        Matrix.pair(pair, () -> {
            Acceptor acceptor = onboardAcceptor("1000000", "900000", base + "", (base + 899) + "");
            String owner = Long.toString(acceptor.userId());
            BigDecimal merchantBefore = balance("MERCHANT", shop.merchantNo, "AVAILABLE");
            BigDecimal frozenBefore = balance("ACCEPTOR", owner, "FROZEN");
            Map<String, String> endings = new LinkedHashMap<>();
            BigDecimal toMerchant = BigDecimal.ZERO;
            BigDecimal settledCoin = BigDecimal.ZERO;
            long lostBefore = ledger.lostAnswers();
            for (int from = 0; from < ITERATIONS; from += ROUND) {
                int to = Math.min(ITERATIONS, from + ROUND);
                List<JsonNode> orders = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    AppClient.Reply r = shop.post("/merchant-api/orders", order("F-" + UUID.randomUUID().toString().substring(0, 13), fiat(base, i)));
                    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
                    orders.add(r.data());
                }
                ledger.mode(fault);
                try {
                    for (JsonNode o : orders) {
                        Thread.sleep(RANDOM.nextInt(31));
                        JsonNode ack = OrderRaceMatrixIT.report(acceptor, "n-" + UUID.randomUUID(), o.get("payableAmount").asText(), Instant.now());
                        assertThat(ack.path("status").asText()).isEqualTo("accepted");
                    }
                    for (JsonNode o : orders) {
                        String orderNo = o.get("orderNo").asText();
                        JsonNode paid = awaitOrder(shop, orderNo, s -> !"CREATED".equals(s));
                        assertThat(paid.path("status").asText()).as(orderNo + " with the ledger " + fault).isEqualTo("PAID");
                        if (fault == Mode.DOWN) {
                            assertThat(settlement(orderNo)).as("a settlement of " + orderNo + " with the ledger down").isNull();
                        }
                    }
                    // the recovery job runs while the ledger is still away: nothing completes, nothing breaks
                    Thread.sleep(2500);
                    recover();
                    for (JsonNode o : orders) {
                        String orderNo = o.get("orderNo").asText();
                        assertThat(shop.get("/merchant-api/orders/" + orderNo, Map.of()).data().path("status").asText())
                                .as(orderNo + " while the ledger is " + fault).isEqualTo("PAID");
                    }
                } finally {
                    Thread.sleep(RANDOM.nextInt(31));
                    ledger.mode(Mode.PASS);
                }
                for (JsonNode o : orders) {
                    String orderNo = o.get("orderNo").asText();
                    JsonNode done = awaitOrder(shop, orderNo, Matrix::isFinal);
                    assertThat(done.path("status").asText()).as(orderNo).isEqualTo("COMPLETED");
                    assertThat(settlement(orderNo)).as("settlement of " + orderNo).isNotNull();
                    assertThat(settlementsOf(orderNo)).as("SETTLE transactions of " + orderNo).isEqualTo(1);
                    endings.put(orderNo, "COMPLETED");
                    toMerchant = toMerchant.add(new BigDecimal(done.path("merchantCoinAmount").asText()));
                    settledCoin = settledCoin.add(new BigDecimal(done.path("coinAmount").asText()));
                }
            }
            if (fault == Mode.LOSE_ANSWER) {
                assertThat(ledger.lostAnswers() - lostBefore).as("answers the proxy swallowed").isPositive();
            }
            Matrix.outcomes(pair, endings.values());
            assertThat(balance("MERCHANT", shop.merchantNo, "AVAILABLE").subtract(merchantBefore)).isEqualByComparingTo(toMerchant);
            assertThat(frozenBefore.subtract(balance("ACCEPTOR", owner, "FROZEN"))).isEqualByComparingTo(settledCoin);
            Matrix.assertOneTerminalCallbackEach(endings);
            afterTheFault();
        });
    }

    @Test
    void adsListedAndClosedWhileTheLedgerIsAwayEndWithExactlyTheirHolds() throws Exception {
        String pair = "ad create/close x ledger away";
        Matrix.pair(pair, () -> {
            // the acceptor's ads take an amount no order asks for: only their holds matter here
            Acceptor acceptor = onboardAcceptor("1000000", "10", "99000", "99001");
            AppClient app = acceptor.app();
            String owner = Long.toString(acceptor.userId());
            BigDecimal frozenBefore = balance("ACCEPTOR", owner, "FROZEN");
            List<String> outcomes = new ArrayList<>();
            int adsBefore = app.get("/app-api/otc/ads").data().size();

            // listing: each create races the ledger coming back (DOWN or LOSE_ANSWER, at random)
            for (int i = 0; i < ITERATIONS; i++) {
                Mode fault = RANDOM.nextBoolean() ? Mode.DOWN : Mode.LOSE_ANSWER;
                String total = new BigDecimal("10").add(BigDecimal.valueOf(i + 1, 6)).toPlainString(); // one amount per ad
                int later = RANDOM.nextInt(61); // a request takes tens of ms to reach the ledger: give the fault a chance
                ledger.mode(fault);
                Matrix.Race<AppClient.Reply, Boolean> r = race(() -> app.post("/app-api/otc/ads", ad(total, "99000", "99001", "payee-" + owner)),
                        () -> backAfter(later));
                outcomes.add("create " + fault + ": " + answer(r.first()));
                if (r.first().status() == 200) {
                    assertThat(r.first().data().path("status").asText()).as(r.first().body().toString()).isIn("OPENING", "ACTIVE");
                } else {
                    assertThat(r.first().code()).as(r.first().body().toString()).isIn(10503, 10504);
                }
            }
            ledger.mode(Mode.PASS);
            Map<Long, JsonNode> ads = awaitAds(app, adsBefore + ITERATIONS, "OPENING");
            BigDecimal live = BigDecimal.ZERO;
            for (JsonNode a : ads.values()) {
                String status = a.path("status").asText();
                assertThat(status).as(a.toString()).isIn("ACTIVE", "FAILED");
                JsonNode hold = ledgerTxn("ad:" + a.path("adId").asLong() + ":hold");
                if ("ACTIVE".equals(status)) {
                    assertThat(hold).as("the hold of ad " + a.path("adId").asLong()).isNotNull();
                    live = live.add(new BigDecimal(a.path("totalCoin").asText()));
                } else {
                    assertThat(hold).as("a hold of ad " + a.path("adId").asLong() + ", which FAILED").isNull();
                }
            }
            assertThat(balance("ACCEPTOR", owner, "FROZEN")).as("frozen coin = the holds of the new ads, each once")
                    .isEqualByComparingTo(frozenBefore.add(live));

            // closing: paused first, then each close races the ledger coming back
            for (JsonNode a : ads.values()) {
                long adId = a.path("adId").asLong();
                if (!"ACTIVE".equals(a.path("status").asText())) {
                    continue;
                }
                assertThat(app.post("/app-api/otc/ads/" + adId + "/pause", null).status()).isEqualTo(200);
                Mode fault = RANDOM.nextBoolean() ? Mode.DOWN : Mode.LOSE_ANSWER;
                int later = RANDOM.nextInt(61);
                ledger.mode(fault);
                Matrix.Race<AppClient.Reply, Boolean> r = race(() -> app.post("/app-api/otc/ads/" + adId + "/close", null),
                        () -> backAfter(later));
                outcomes.add("close " + fault + ": " + answer(r.first()));
                if (r.first().status() == 200) {
                    assertThat(r.first().data().path("status").asText()).as(r.first().body().toString()).isIn("CLOSING", "CLOSED");
                } else {
                    assertThat(r.first().code()).as(r.first().body().toString()).isIn(10503, 10504);
                }
            }
            ledger.mode(Mode.PASS);
            for (JsonNode a : awaitAds(app, adsBefore + ITERATIONS, "CLOSING").values()) {
                assertThat(a.path("status").asText()).as(a.toString()).isIn("CLOSED", "FAILED");
            }
            assertThat(balance("ACCEPTOR", owner, "FROZEN")).as("frozen coin once every new ad closed").isEqualByComparingTo(frozenBefore);
            Matrix.outcomes(pair, outcomes);
            afterTheFault();
        });
    }

    /** The ledger comes back this many ms (on top of the race's own random delay) after the request set off. */
    private static boolean backAfter(int ms) throws InterruptedException {
        Thread.sleep(ms);
        ledger.mode(Mode.PASS);
        return true;
    }

    private static String answer(AppClient.Reply r) {
        return r.status() == 200 ? r.data().path("status").asText() : Integer.toString(r.code());
    }

    /** The acceptor's ads created in this test (the newest {@code count - 1}), once none is {@code pending} any more. */
    private static Map<Long, JsonNode> awaitAds(AppClient app, int count, String pending) throws Exception {
        return await("no ad " + pending, () -> {
            JsonNode all = app.get("/app-api/otc/ads").data();
            assertThat(all.size()).as("ads listed (one per create, however it was answered)").isEqualTo(count);
            Map<Long, JsonNode> byId = new HashMap<>();
            for (int k = 0; k < all.size() - 1; k++) { // newest first; the last is the acceptor's first ad
                byId.put(all.get(k).path("adId").asLong(), all.get(k));
                if (pending.equals(all.get(k).path("status").asText())) {
                    recover();
                    return null;
                }
            }
            return byId;
        });
    }

    private static void afterTheFault() throws Exception {
        await("the ledger reachable through the gateway", () -> finance.get("/admin-api/ledger/coins").status() == 200 ? true : null);
        assertLedgerReconciles();
        assertCrossServiceReconciles();
    }
}
