package io.apay.e2e;

import static io.apay.e2e.Matrix.ITERATIONS;
import static io.apay.e2e.Matrix.RANDOM;
import static io.apay.e2e.Matrix.awaitOrder;
import static io.apay.e2e.Matrix.awaitReports;
import static io.apay.e2e.Matrix.fiat;
import static io.apay.e2e.Matrix.otcJob;
import static io.apay.e2e.Matrix.settlement;
import static io.apay.e2e.MoneyFixture.assertCrossServiceReconciles;
import static io.apay.e2e.MoneyFixture.assertLedgerReconciles;
import static io.apay.e2e.MoneyFixture.onboardAcceptor;
import static io.apay.e2e.MoneyFixture.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.e2e.MoneyFixture.Acceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A late payment after its payable amount was given to another order (docs/race-matrix.md, pair 9), driven
 * {@link Matrix#ITERATIONS} times: order A for X expires; right after, an order for X does not get A's payable amount
 * (it is quarantined); once the quarantine is over, order B for X does; then A's buyer's payment arrives, paid at a
 * (random) moment of A's life, well before B existed. It is a late payment of A (UNMATCHED, ORDER_CLOSED, naming A)
 * and never pays B.
 */
class LatePaymentMatrixIT {

    static final int CHUNK = 10;

    static MerchantClient shop;

    /** One iteration: A (expired), C (placed inside A's quarantine), B (placed after it). */
    record Reuse(String fiat, JsonNode a, Instant aCreated, Instant aEnded, JsonNode c, JsonNode b, String notification) {
    }

    @BeforeAll
    static void up() throws Exception {
        MoneyFixture.up();
        shop = MoneyFixture.newMerchant("Late Payment Matrix Shop");
    }

    @Test
    void aLatePaymentOfAnExpiredOrderNeverPaysTheOrderThatReusedItsAmount() throws Exception {
        String pair = "late payment after amount reuse";
        Matrix.pair(pair, () -> {
            int base = 9100;
            Acceptor acceptor = onboardAcceptor("1000000", "900000", base + "", (base + 899) + "");
            List<Reuse> runs = new ArrayList<>();
            Instant lastExpiry = Instant.EPOCH;
            for (int from = 0; from < ITERATIONS; from += CHUNK) {
                int to = Math.min(ITERATIONS, from + CHUNK);
                List<JsonNode> as = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    JsonNode a = place(fiat(base, i));
                    assertThat(a.get("payableAmount").asText()).as("a fresh amount").isEqualTo(fiat(base, i));
                    as.add(a);
                }
                // A's time is up: the expiry job ends them, and from then on their amounts are quarantined
                List<Instant> created = new ArrayList<>();
                for (JsonNode a : as) {
                    created.add(Matrix.expireNow(a));
                }
                Instant expiring = Instant.now().minus(SharedMesh.MATCH_CLOCK_SKEW); // when A's life ended
                long expiringNanos = System.nanoTime();
                assertThat(otcJob("expire-orders?limit=100").status()).isEqualTo(200);
                for (int k = 0; k < as.size(); k++) {
                    JsonNode a = awaitOrder(shop, as.get(k).get("orderNo").asText(), "EXPIRED"::equals);
                    JsonNode c = place(fiat(base, from + k));
                    assertThat(System.nanoTime() - expiringNanos).as("order C placed inside the quarantine (machine too slow?)")
                            .isLessThan(SharedMesh.AMOUNT_QUARANTINE.toNanos());
                    assertThat(c.get("payableAmount").asText()).as("an order placed while " + a.get("orderNo").asText()
                            + "'s amount is quarantined").isNotEqualTo(a.get("payableAmount").asText());
                    runs.add(new Reuse(fiat(base, from + k), a, created.get(k), expiring, c, null, "n-" + UUID.randomUUID()));
                }
                lastExpiry = Instant.now();
            }
            // after the quarantine: B gets exactly A's amount
            Duration wait = Duration.between(Instant.now(), lastExpiry.plus(SharedMesh.AMOUNT_QUARANTINE).plusMillis(500));
            if (!wait.isNegative()) {
                Thread.sleep(wait.toMillis());
            }
            for (int i = 0; i < runs.size(); i++) {
                Reuse r = runs.get(i);
                JsonNode b = place(r.fiat());
                assertThat(b.get("payableAmount").asText()).as("order B after the quarantine of " + r.a().get("orderNo").asText())
                        .isEqualTo(r.a().get("payableAmount").asText());
                runs.set(i, new Reuse(r.fiat(), r.a(), r.aCreated(), r.aEnded(), r.c(), b, r.notification()));
            }
            // A's buyer pays late, at a moment of A's life, reported now while B holds the amount
            for (Reuse r : runs) {
                long life = Math.max(1, Duration.between(r.aCreated(), r.aEnded()).toMillis());
                Instant paidAt = r.aCreated().plusMillis(RANDOM.nextLong(life));
                assertThat(paidAt).isBefore(Instant.parse(r.b().get("createdAt").asText()).minus(SharedMesh.MATCH_CLOCK_SKEW));
                JsonNode ack = OrderRaceMatrixIT.report(acceptor, r.notification(), r.a().get("payableAmount").asText(), paidAt);
                assertThat(ack.path("status").asText()).as(ack.toString()).isEqualTo("accepted");
            }
            Map<String, JsonNode> reports = awaitReports(runs.stream().map(Reuse::notification).toList());
            for (Reuse r : runs) {
                JsonNode report = reports.get(r.notification());
                String a = r.a().get("orderNo").asText();
                String b = r.b().get("orderNo").asText();
                assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("UNMATCHED");
                assertThat(report.path("unmatchedReason").asText()).as(report.toString()).isEqualTo("ORDER_CLOSED");
                assertThat(report.path("orderNo").asText()).as("the late payment names A, not B: " + report).isEqualTo(a);
                assertThat(shop.get("/merchant-api/orders/" + b, Map.of()).data().path("status").asText()).as("order B " + b).isEqualTo("CREATED");
                assertThat(settlement(b)).as("settlement of B " + b).isNull();
                assertThat(settlement(a)).as("settlement of A " + a).isNull();
            }
            Matrix.outcomes(pair, runs.stream().map(r -> "late payment of A kept for review, B unpaid").toList());
            for (Reuse r : runs) {
                for (JsonNode o : List.of(r.b(), r.c())) {
                    AppClient.Reply closed = shop.post("/merchant-api/orders/" + o.get("orderNo").asText() + "/close", null);
                    assertThat(closed.data().path("status").asText()).as(closed.body().toString()).isEqualTo("CANCELLED");
                }
            }
            assertLedgerReconciles();
            assertCrossServiceReconciles();
        });
    }

    private static JsonNode place(String fiat) throws Exception {
        AppClient.Reply r = shop.post("/merchant-api/orders", order("LP-" + UUID.randomUUID().toString().substring(0, 13), fiat));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.data();
    }
}
