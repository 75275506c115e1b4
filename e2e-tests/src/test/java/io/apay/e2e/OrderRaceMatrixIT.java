package io.apay.e2e;

import static io.apay.e2e.Matrix.ITERATIONS;
import static io.apay.e2e.Matrix.awaitOrder;
import static io.apay.e2e.Matrix.awaitReports;
import static io.apay.e2e.Matrix.balance;
import static io.apay.e2e.Matrix.fiat;
import static io.apay.e2e.Matrix.otcJob;
import static io.apay.e2e.Matrix.race;
import static io.apay.e2e.Matrix.settlement;
import static io.apay.e2e.Matrix.settlementsOf;
import static io.apay.e2e.MoneyFixture.CNY;
import static io.apay.e2e.MoneyFixture.assertCrossServiceReconciles;
import static io.apay.e2e.MoneyFixture.assertLedgerReconciles;
import static io.apay.e2e.MoneyFixture.onboardAcceptor;
import static io.apay.e2e.MoneyFixture.order;
import static io.apay.e2e.MoneyFixture.risk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.e2e.MoneyFixture.Acceptor;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Races on one payment order, each driven {@link Matrix#ITERATIONS} times with random timing (docs/race-matrix.md):
 * a payment against the expiry, against the merchant's close, against a second payment of the same amount, and
 * against an appeal that risk then resolves as CANCEL. Whoever wins, the order ends one way only, the ledger settles
 * it at most once and only if it completed, the ad gets its coin back only if it did not, the merchant hears exactly
 * one ending, and both reconciliations stay clean. Each pair has its own acceptor, whose ad alone takes the pair's
 * fiat amounts (one amount per iteration, so no two iterations share a payable amount), and the class its own
 * merchant, so the money can be counted.
 */
class OrderRaceMatrixIT {

    static MerchantClient shop;

    /** One iteration's order and how it ended. */
    record Run(String orderNo, String payable, BigDecimal coin, Instant createdAt, List<String> notifications, JsonNode end) {
        String status() {
            return end.path("status").asText();
        }
    }

    @BeforeAll
    static void up() throws Exception {
        MoneyFixture.up();
        shop = MoneyFixture.newMerchant("Race Matrix Shop");
    }

    @Test
    void aPaymentRacingTheExpiryEitherCompletesTheOrderOrIsALatePaymentOfIt() throws Exception {
        // its time is up (job-svc's expiry job would end it on its next tick); the buyer paid during its life, and
        // the report arrives now, racing the expiry job
        payingVersusEnding("pay x expire", 1100, "EXPIRED", Matrix::expireNow, orderNo -> {
            Matrix.headStart(30); // the report goes through push-svc and the queue; the job is one call
            AppClient.Reply r = otcJob("expire-orders?limit=100");
            assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        });
    }

    @Test
    void aPaymentRacingTheMerchantsCloseEitherCompletesTheOrderOrIsALatePaymentOfIt() throws Exception {
        payingVersusEnding("pay x merchant close", 2100, "CANCELLED", o -> Instant.parse(o.get("createdAt").asText()), orderNo -> {
            AppClient.Reply r = shop.post("/merchant-api/orders/" + orderNo + "/close", null);
            if (r.status() == 200) {
                assertThat(r.data().path("status").asText()).isEqualTo("CANCELLED");
            } else {
                assertThat(r.code()).as("a close refused because the order was paid: " + r.body()).isEqualTo(16005);
            }
        });
    }

    interface OrderStep {
        void run(String orderNo) throws Exception;
    }

    /** Readies an order for the race; answers when its life began (the payment is made a moment after). */
    interface Prepare {
        Instant run(JsonNode order) throws Exception;
    }

    private void payingVersusEnding(String pair, int base, String ended, Prepare prepare, OrderStep end) throws Exception {
        Matrix.pair(pair, () -> {
            Acceptor acceptor = onboardAcceptor("1000000", "900000", base + "", (base + 899) + "");
            String owner = Long.toString(acceptor.userId());
            BigDecimal merchantBefore = balance("MERCHANT", shop.merchantNo, "AVAILABLE");
            BigDecimal frozenBefore = balance("ACCEPTOR", owner, "FROZEN");
            BigDecimal available = adAvailable(acceptor);
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < ITERATIONS; i++) {
                JsonNode o = place(fiat(base, i));
                String orderNo = o.get("orderNo").asText();
                String payable = o.get("payableAmount").asText();
                String n = "n-" + UUID.randomUUID();
                Instant createdAt = prepare.run(o);
                Matrix.Race<JsonNode, Boolean> r = race(() -> report(acceptor, n, payable, createdAt.plusMillis(1)),
                        () -> {
                            end.run(orderNo);
                            return true;
                        });
                assertThat(r.first().path("status").asText()).as(r.first().toString()).isEqualTo("accepted");
                JsonNode done = awaitOrder(shop, orderNo, Matrix::isFinal);
                Run run = new Run(orderNo, payable, new BigDecimal(o.get("coinAmount").asText()), createdAt, List.of(n), done);
                assertThat(run.status()).as(orderNo).isIn("COMPLETED", ended);
                // the ad's coin: reserved by the order, back only if the order did not complete
                BigDecimal expected = run.status().equals(ended) ? available : available.subtract(run.coin());
                assertThat(adAvailable(acceptor)).as("available coin of the ad after " + orderNo + " ended " + run.status())
                        .isEqualByComparingTo(expected);
                available = expected;
                runs.add(run);
            }
            Matrix.outcomes(pair, runs.stream().map(Run::status).toList());

            Map<String, JsonNode> reports = awaitReports(runs.stream().flatMap(r -> r.notifications().stream()).toList());
            for (Run run : runs) {
                JsonNode report = reports.get(run.notifications().get(0));
                assertThat(report.path("orderNo").asText()).as(report.toString()).isEqualTo(run.orderNo());
                if (run.status().equals("COMPLETED")) {
                    assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("MATCHED");
                } else {
                    assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("UNMATCHED");
                    assertThat(report.path("unmatchedReason").asText()).as(report.toString()).isEqualTo("ORDER_CLOSED");
                }
            }
            assertMoney(runs, acceptor, merchantBefore, frozenBefore);
        });
    }

    @Test
    void twoPaymentsOfOneAmountAtOnceSettleTheOrderOnceAndTheOtherIsKeptForReview() throws Exception {
        String pair = "two reports of one amount";
        Matrix.pair(pair, () -> {
            int base = 3100;
            Acceptor acceptor = onboardAcceptor("1000000", "900000", base + "", (base + 899) + "");
            BigDecimal merchantBefore = balance("MERCHANT", shop.merchantNo, "AVAILABLE");
            BigDecimal frozenBefore = balance("ACCEPTOR", Long.toString(acceptor.userId()), "FROZEN");
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < ITERATIONS; i++) {
                JsonNode o = place(fiat(base, i));
                String orderNo = o.get("orderNo").asText();
                String payable = o.get("payableAmount").asText();
                List<String> n = List.of("n-" + UUID.randomUUID(), "n-" + UUID.randomUUID());
                Instant paidAt = Instant.now();
                Matrix.Race<JsonNode, JsonNode> r = race(() -> report(acceptor, n.get(0), payable, paidAt),
                        () -> report(acceptor, n.get(1), payable, paidAt));
                assertThat(List.of(r.first(), r.second())).extracting(a -> a.path("status").asText()).containsExactly("accepted", "accepted");
                JsonNode done = awaitOrder(shop, orderNo, Matrix::isFinal);
                assertThat(done.path("status").asText()).as(orderNo).isEqualTo("COMPLETED");
                runs.add(new Run(orderNo, payable, new BigDecimal(o.get("coinAmount").asText()), null, n, done));
            }
            Map<String, JsonNode> reports = awaitReports(runs.stream().flatMap(r -> r.notifications().stream()).toList());
            List<String> outcomes = new ArrayList<>();
            for (Run run : runs) {
                List<JsonNode> both = run.notifications().stream().map(reports::get).toList();
                assertThat(both).as(both.toString()).extracting(x -> x.path("orderNo").asText()).containsOnly(run.orderNo());
                assertThat(both).as(both.toString()).extracting(x -> x.path("status").asText()).containsExactlyInAnyOrder("MATCHED", "UNMATCHED");
                JsonNode second = both.stream().filter(x -> "UNMATCHED".equals(x.path("status").asText())).findFirst().orElseThrow();
                assertThat(second.path("unmatchedReason").asText()).as(second.toString()).isEqualTo("ORDER_NOT_OPEN");
                outcomes.add("MATCHED " + (both.get(0).path("status").asText().equals("MATCHED") ? "first" : "second"));
            }
            Matrix.outcomes(pair, outcomes);
            assertMoney(runs, acceptor, merchantBefore, frozenBefore);
        });
    }

    @Test
    void anAppealRacingThePaymentNeverCancelsASettledOrder() throws Exception {
        String pair = "appeal x settle";
        Matrix.pair(pair, () -> {
            int base = 4100;
            Acceptor acceptor = onboardAcceptor("1000000", "900000", base + "", (base + 899) + "");
            BigDecimal merchantBefore = balance("MERCHANT", shop.merchantNo, "AVAILABLE");
            BigDecimal frozenBefore = balance("ACCEPTOR", Long.toString(acceptor.userId()), "FROZEN");
            BigDecimal available = adAvailable(acceptor); // less every order placed, plus every order cancelled
            List<Run> runs = new ArrayList<>();
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < ITERATIONS; i++) {
                JsonNode o = place(fiat(base, i));
                String orderNo = o.get("orderNo").asText();
                String n = "n-" + UUID.randomUUID();
                Matrix.Race<JsonNode, AppClient.Reply> r = race(() -> report(acceptor, n, o.get("payableAmount").asText(), Instant.now()),
                        () -> risk.post("/admin-api/otc/orders/" + orderNo + "/appeal", Map.of("reason", "matrix: buyer disputes")));
                boolean appealed = r.second().status() == 200;
                if (!appealed) {
                    assertThat(r.second().code()).as("an appeal refused because the payment moved the order first: " + r.second().body()).isEqualTo(16005);
                }
                available = available.subtract(new BigDecimal(o.get("coinAmount").asText()));
                Run run = judge(new Appeal(o, n, appealed), resolveAsCancel(orderNo), outcomes);
                available = run.status().equals("CANCELLED") ? available.add(run.coin()) : available;
                assertThat(adAvailable(acceptor)).as("available coin of the ad after " + orderNo + " ended " + run.status())
                        .isEqualByComparingTo(available);
                runs.add(run);
            }
            Matrix.outcomes(pair, outcomes);
            Map<String, JsonNode> reports = awaitReports(runs.stream().flatMap(r -> r.notifications().stream()).toList());
            for (Run run : runs) {
                JsonNode report = reports.get(run.notifications().get(0));
                assertThat(report.path("orderNo").asText()).as(report.toString()).isEqualTo(run.orderNo());
                if (run.status().equals("COMPLETED")) {
                    assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("MATCHED");
                }
            }
            assertMoney(runs, acceptor, merchantBefore, frozenBefore);
        });
    }

    /** An order of the appeal pair, its payment's notification id, and whether the appeal was opened. */
    record Appeal(JsonNode order, String notification, boolean appealed) {
    }

    /**
     * Judges risk's CANCEL: done, then the ledger has no settlement; refused, then the order completes with one
     * (16007 under appeal: the ledger had it already; 16005 if the appeal itself was refused: the payment had moved
     * the order on first).
     */
    private static Run judge(Appeal appeal, AppClient.Reply resolved, List<String> outcomes) throws Exception {
        String orderNo = appeal.order().get("orderNo").asText();
        String how = "appeal " + (appeal.appealed() ? "opened" : "refused");
        if (resolved.status() == 200) {
            assertThat(resolved.data().path("status").asText()).as(resolved.body().toString()).isEqualTo("CANCELLED");
            assertThat(settlement(orderNo)).as("the ledger settled " + orderNo + ", which was cancelled").isNull();
            outcomes.add(how + ", cancelled");
        } else {
            assertThat(resolved.status()).as(resolved.body().toString()).isEqualTo(409);
            assertThat(resolved.code()).as(resolved.body().toString()).isEqualTo(appeal.appealed() ? 16007 : 16005);
            if (appeal.appealed()) {
                assertThat(settlement(orderNo)).as("cancel of " + orderNo + " refused as settled: " + resolved.body()).isNotNull();
            }
            outcomes.add(how + ", cancel refused " + resolved.code());
        }
        // without an appeal the payment went its way: the order completes (its settlement may still be under way)
        JsonNode done = awaitOrder(shop, orderNo, Matrix::isFinal);
        assertThat(done.path("status").asText()).as(orderNo).isEqualTo(resolved.status() == 200 ? "CANCELLED" : "COMPLETED");
        assertThat(settlement(orderNo) != null).as("settlement of " + orderNo + ", " + done.path("status").asText())
                .isEqualTo(resolved.status() != 200);
        return new Run(orderNo, appeal.order().get("payableAmount").asText(), new BigDecimal(appeal.order().get("coinAmount").asText()),
                null, List.of(appeal.notification()), done);
    }

    // ------------------------------------------------------------------ helpers

    /** Risk resolves the appeal with CANCEL; while the ledger cannot say whether the order was settled (503), again. */
    private static AppClient.Reply resolveAsCancel(String orderNo) throws Exception {
        for (int attempt = 1; ; attempt++) {
            AppClient.Reply r = risk.post("/admin-api/otc/orders/" + orderNo + "/appeal/resolve",
                    Map.of("decision", "CANCEL", "reason", "matrix: no payment found"));
            if (r.code() != 10503 || attempt == 20) {
                return r;
            }
            Thread.sleep(250);
        }
    }

    private static JsonNode place(String fiat) throws Exception {
        AppClient.Reply r = shop.post("/merchant-api/orders", order("X-" + UUID.randomUUID().toString().substring(0, 13), fiat));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(new BigDecimal(r.data().get("payableAmount").asText()).subtract(new BigDecimal(fiat)))
                .as("payable amount of a " + fiat + " order").isBetween(BigDecimal.ZERO, new BigDecimal("0.99"));
        return r.data();
    }

    static JsonNode report(Acceptor acceptor, String notificationId, String amount, Instant paidAt) throws Exception {
        return acceptor.monitor().reportPayment(notificationId, "ALIPAY", amount, CNY, "matrix buyer", paidAt).get(20, TimeUnit.SECONDS);
    }

    /** The available (not yet reserved) coin of the acceptor's ad. */
    static BigDecimal adAvailable(Acceptor acceptor) throws Exception {
        for (JsonNode ad : acceptor.app().get("/app-api/otc/ads").data()) {
            if (ad.path("adId").asLong() == acceptor.adId()) {
                return new BigDecimal(ad.path("availableCoin").asText());
            }
        }
        throw new AssertionError("ad " + acceptor.adId() + " not listed");
    }

    /**
     * The money after a pair: each order settled exactly once if it completed and never otherwise; the merchant got
     * exactly the merchant's share of the completed ones; the acceptor's frozen coin paid exactly their coin; each
     * order's merchant heard its ending once; both reconciliations are clean.
     */
    private static void assertMoney(List<Run> runs, Acceptor acceptor, BigDecimal merchantBefore, BigDecimal frozenBefore) throws Exception {
        Map<String, String> endings = new LinkedHashMap<>();
        BigDecimal toMerchant = BigDecimal.ZERO;
        BigDecimal settledCoin = BigDecimal.ZERO;
        for (Run run : runs) {
            JsonNode end = awaitOrder(shop, run.orderNo(), Matrix::isFinal); // as it is now, after every report was handled
            assertThat(end.path("status").asText()).as(run.orderNo() + " changed after it ended").isEqualTo(run.status());
            endings.put(run.orderNo(), run.status());
            boolean completed = run.status().equals("COMPLETED");
            assertThat(settlement(run.orderNo()) != null).as("settlement of " + run.orderNo() + ", " + run.status()).isEqualTo(completed);
            assertThat(settlementsOf(run.orderNo())).as("SETTLE transactions of " + run.orderNo()).isEqualTo(completed ? 1 : 0);
            if (completed) {
                toMerchant = toMerchant.add(new BigDecimal(end.path("merchantCoinAmount").asText()));
                settledCoin = settledCoin.add(run.coin());
            }
        }
        assertThat(balance("MERCHANT", shop.merchantNo, "AVAILABLE").subtract(merchantBefore)).isEqualByComparingTo(toMerchant);
        assertThat(frozenBefore.subtract(balance("ACCEPTOR", Long.toString(acceptor.userId()), "FROZEN"))).isEqualByComparingTo(settledCoin);
        Matrix.assertOneTerminalCallbackEach(endings);
        assertLedgerReconciles();
        assertCrossServiceReconciles();
    }
}
