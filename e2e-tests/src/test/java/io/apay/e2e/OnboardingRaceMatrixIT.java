package io.apay.e2e;

import static io.apay.e2e.Matrix.ITERATIONS;
import static io.apay.e2e.Matrix.balance;
import static io.apay.e2e.Matrix.fiat;
import static io.apay.e2e.Matrix.race;
import static io.apay.e2e.Matrix.recover;
import static io.apay.e2e.MoneyFixture.ad;
import static io.apay.e2e.MoneyFixture.adStatus;
import static io.apay.e2e.MoneyFixture.assertCrossServiceReconciles;
import static io.apay.e2e.MoneyFixture.assertLedgerReconciles;
import static io.apay.e2e.MoneyFixture.await;
import static io.apay.e2e.MoneyFixture.finance;
import static io.apay.e2e.MoneyFixture.onboardAcceptor;
import static io.apay.e2e.MoneyFixture.order;
import static io.apay.e2e.MoneyFixture.registeredUser;
import static io.apay.e2e.MoneyFixture.risk;
import static io.apay.e2e.MoneyFixture.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.apay.e2e.MoneyFixture.Acceptor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Races on an acceptor and its ads, each driven {@link Matrix#ITERATIONS} times with random timing
 * (docs/race-matrix.md): closing an ad (pause, then close) against an order being placed on it, and risk approving
 * and rejecting one application at once. Never a live order on a closed ad, the acceptor's frozen coin always the
 * sum of its live ads' holds; one decision per application, and the margin held exactly when it was approved.
 */
class OnboardingRaceMatrixIT {

    static MerchantClient shop;

    @BeforeAll
    static void up() throws Exception {
        MoneyFixture.up();
        shop = MoneyFixture.newMerchant("Onboarding Matrix Shop");
    }

    @Test
    void closingAnAdRacingAnOrderOnItNeverLeavesALiveOrderOnAClosedAd() throws Exception {
        String pair = "ad close x order create";
        Matrix.pair(pair, () -> {
            int base = 5100;
            // the acceptor's first ad takes amounts no order here asks for; each iteration lists an ad of its own
            Acceptor acceptor = onboardAcceptor("1000000", "10", "98000", "98001");
            AppClient app = acceptor.app();
            String owner = Long.toString(acceptor.userId());
            BigDecimal frozenBefore = balance("ACCEPTOR", owner, "FROZEN");
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < ITERATIONS; i++) {
                AppClient.Reply listed = app.post("/app-api/otc/ads", ad("1000", base + "", (base + 899) + "", "payee-" + owner));
                assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);
                long adId = listed.data().get("adId").asLong();
                awaitAdStatus(app, adId, "ACTIVE");
                assertThat(balance("ACCEPTOR", owner, "FROZEN")).isEqualByComparingTo(frozenBefore.add(new BigDecimal("1000")));

                String fiat = fiat(base, i);
                Matrix.Race<List<AppClient.Reply>, AppClient.Reply> r = race(() -> {
                    Matrix.headStart(60); // the order goes through the gateway and merchant-api-svc
                    AppClient.Reply paused = app.post("/app-api/otc/ads/" + adId + "/pause", null);
                    return List.of(paused, app.post("/app-api/otc/ads/" + adId + "/close", null));
                }, () -> shop.post("/merchant-api/orders", order("AD-" + UUID.randomUUID().toString().substring(0, 13), fiat)));
                AppClient.Reply paused = r.first().get(0);
                AppClient.Reply closed = r.first().get(1);
                AppClient.Reply placed = r.second();
                assertThat(paused.status()).as(paused.body().toString()).isEqualTo(200);
                if (placed.status() == 200) {
                    // the order came first: the ad keeps its hold until the order ends, then closes
                    String orderNo = placed.data().get("orderNo").asText();
                    assertThat(closed.status()).as("closing an ad with order " + orderNo + " on it: " + closed.body()).isEqualTo(409);
                    assertThat(closed.code()).as(closed.body().toString()).isEqualTo(16021);
                    assertThat(adStatus(app, adId)).isEqualTo("PAUSED");
                    assertThat(balance("ACCEPTOR", owner, "FROZEN")).isEqualByComparingTo(frozenBefore.add(new BigDecimal("1000")));
                    AppClient.Reply cancelled = shop.post("/merchant-api/orders/" + orderNo + "/close", null);
                    assertThat(cancelled.data().path("status").asText()).as(cancelled.body().toString()).isEqualTo("CANCELLED");
                    AppClient.Reply closedLater = app.post("/app-api/otc/ads/" + adId + "/close", null);
                    assertThat(closedLater.status()).as(closedLater.body().toString()).isEqualTo(200);
                    outcomes.add("order first, close after it ended");
                } else {
                    // the ad closed first: the order found no ad for its amount
                    assertThat(placed.code()).as(placed.body().toString()).isIn(16002, 16003);
                    assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
                    outcomes.add("close first, order refused " + placed.code());
                }
                awaitAdStatus(app, adId, "CLOSED");
                assertThat(balance("ACCEPTOR", owner, "FROZEN")).as("frozen coin once ad " + adId + " closed").isEqualByComparingTo(frozenBefore);
            }
            Matrix.outcomes(pair, outcomes);
            assertLedgerReconciles();
            assertCrossServiceReconciles();
        });
    }

    @Test
    void approvingAndRejectingAtOnceLeaveOneDecisionAndAMarginHeldExactlyIfApproved() throws Exception {
        String pair = "approve x reject";
        Matrix.pair(pair, () -> {
            // one applicant, again and again: rejected ones may apply again, approved ones leave and apply again
            AppClient app = registeredUser();
            String owner = Long.toString(userId(app));
            assertThat(finance.post("/admin-api/ledger/credits", Map.of("requestId", "fund-applicant-" + owner,
                    "owner", Map.of("ownerType", "ACCEPTOR", "ownerId", owner), "coin", "USDT", "amount", "5000",
                    "reason", "e2e funding")).status()).isEqualTo(200);
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < ITERATIONS; i++) {
                AppClient.Reply applied = app.post("/app-api/otc/acceptor/apply", Map.of("displayName", "applicant " + i));
                assertThat(applied.status()).as(applied.body().toString()).isEqualTo(200);
                assertThat(applied.data().path("status").asText()).isEqualTo("APPLIED");
                Matrix.Race<AppClient.Reply, AppClient.Reply> r = race(
                        () -> risk.post("/admin-api/otc/acceptors/" + owner + "/approve", Map.of("reason", "matrix: KYC ok")),
                        () -> risk.post("/admin-api/otc/acceptors/" + owner + "/reject", Map.of("reason", "matrix: KYC failed")));
                boolean approved = r.first().status() == 200;
                AppClient.Reply lost = approved ? r.second() : r.first();
                assertThat(List.of(r.first().status(), r.second().status())).as(r.first().body() + " / " + r.second().body())
                        .containsExactlyInAnyOrder(200, 409);
                assertThat(lost.code()).as(lost.body().toString()).isEqualTo(16012);
                if (approved) {
                    awaitAcceptorStatus(app, "ACTIVE");
                    assertThat(balance("ACCEPTOR", owner, "MARGIN")).as("margin of an approved acceptor").isEqualByComparingTo("1000");
                    assertThat(balance("ACCEPTOR", owner, "AVAILABLE")).isEqualByComparingTo("4000");
                    AppClient.Reply left = app.post("/app-api/otc/acceptor/leave", null);
                    assertThat(left.status()).as(left.body().toString()).isEqualTo(200);
                    awaitAcceptorStatus(app, "LEFT");
                } else {
                    assertThat(app.get("/app-api/otc/acceptor").data().path("status").asText()).isEqualTo("REJECTED");
                }
                assertThat(balance("ACCEPTOR", owner, "MARGIN")).as("margin after " + (approved ? "leaving" : "a rejection")).isEqualByComparingTo("0");
                assertThat(balance("ACCEPTOR", owner, "AVAILABLE")).isEqualByComparingTo("5000");
                outcomes.add(approved ? "approved" : "rejected");
            }
            Matrix.outcomes(pair, outcomes);
            assertLedgerReconciles();
            assertCrossServiceReconciles();
        });
    }

    /** Waits for the ad's status, running the intent recovery now and then (an OPENING or CLOSING ad finishes). */
    static void awaitAdStatus(AppClient app, long adId, String status) throws Exception {
        await("ad " + adId + " " + status, () -> {
            if (status.equals(adStatus(app, adId))) {
                return true;
            }
            recover();
            return null;
        });
    }

    static void awaitAcceptorStatus(AppClient app, String status) throws Exception {
        await("acceptor " + status, () -> {
            if (status.equals(app.get("/app-api/otc/acceptor").data().path("status").asText())) {
                return true;
            }
            recover();
            return null;
        });
    }
}
