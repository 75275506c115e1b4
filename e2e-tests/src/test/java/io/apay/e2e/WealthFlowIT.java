package io.apay.e2e;

import static io.apay.e2e.MoneyFixture.finance;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A wealth product through the real mesh: an operator defines, publishes and funds it at the gateway's admin API, an
 * app user (app signature) subscribes and redeems, job-svc runs the daily accrual for a day through its admin API (its
 * run recorded), and the cross-service reconciliation checks the product against the ledger.
 */
class WealthFlowIT {

    @BeforeAll
    static void mesh() throws Exception {
        MoneyFixture.up();
    }

    @Test
    void anOperatorSellsAProductAUserLocksAndRedeemsItAndTheJobsSeeIt() throws Exception {
        String code = "E2E-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36).toUpperCase();
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("code", code);
        definition.put("name", "USDT flexible staking");
        definition.put("type", "STAKING");
        definition.put("lockCoin", "USDT");
        definition.put("rewardRate", "0.08");
        definition.put("minAmount", "1");
        definition.put("maxPerUser", "100");
        definition.put("totalQuota", "10000");
        definition.put("saleStart", "2020-01-01T00:00:00Z");
        definition.put("reason", "e2e: a flexible product");
        AppClient.Reply created = finance.post("/admin-api/wealth/products", definition);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(200);
        long productId = created.data().get("id").asLong();
        AppClient.Reply published = finance.post("/admin-api/wealth/products/" + productId + "/publish", Map.of("reason", "e2e: sell it"));
        assertThat(published.data().path("status").asText()).as(published.body().toString()).isEqualTo("ON_SALE");
        AppClient.Reply funded = finance.post("/admin-api/wealth/products/" + productId + "/funding",
                Map.of("fundingNo", "e2e-" + code, "amount", "5", "reason", "e2e: the reward budget"));
        assertThat(funded.data().path("status").asText()).as(funded.body().toString()).isEqualTo("DONE");

        AppClient app = MoneyFixture.registeredUser();
        long userId = MoneyFixture.userId(app);
        assertThat(finance.post("/admin-api/ledger/credits", Map.of("requestId", "fund-wealth-" + userId, "owner",
                Map.of("ownerType", "USER", "ownerId", Long.toString(userId)), "coin", "USDT", "amount", "100", "reason", "e2e funding"))
                .status()).isEqualTo(200);

        AppClient.Reply listed = app.get("/app-api/wealth/products");
        assertThat(listed.status()).as(listed.body().toString()).isEqualTo(200);
        assertThat(listed.body().toString()).contains(code);
        AppClient.Reply subscribed = app.post("/app-api/wealth/subscriptions", Map.of("requestNo", "s-1", "productCode", code, "amount", "40"));
        assertThat(subscribed.status()).as(subscribed.body().toString()).isEqualTo(200);
        assertThat(subscribed.data().path("status").asText()).isEqualTo("OPEN");
        long positionId = subscribed.data().path("positionId").asLong();
        assertThat(available(app)).isEqualByComparingTo("60");

        // job-svc's daily accrual, re-run by an operator for yesterday: job-svc -> wealth-svc, the run recorded
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        AppClient.Reply run = finance.post("/admin-api/job/runs", Map.of("job", "wealth-accrual", "day", yesterday, "reason", "e2e: re-run a day"));
        assertThat(run.status()).as(run.body().toString()).isEqualTo(200);
        assertThat(run.data().path("status").asText()).as(run.body().toString()).isEqualTo("OK");
        assertThat(run.data().path("day").asText()).isEqualTo(yesterday);
        AppClient.Reply runs = finance.get("/admin-api/job/runs?job=wealth-accrual");
        assertThat(runs.body().toString()).contains("\"runId\":" + run.data().path("runId").asLong());

        AppClient.Reply recon = finance.post("/admin-api/job/reconciliation/runs", Map.of());
        assertThat(recon.status()).as(recon.body().toString()).isEqualTo(200);
        assertThat(recon.data().path("productsChecked").asLong()).isPositive();
        for (JsonNode d : recon.data().path("discrepancies")) {
            assertThat(d.path("subject").asText()).as(d.toString()).doesNotContain("product-" + productId);
        }

        // flexible: redeemed at once, the principal back (it starts earning tomorrow, so no reward yet)
        AppClient.Reply redeemed = app.post("/app-api/wealth/positions/" + positionId + "/redeem", null);
        assertThat(redeemed.status()).as(redeemed.body().toString()).isEqualTo(200);
        assertThat(redeemed.data().path("status").asText()).isEqualTo("REDEEMED");
        assertThat(available(app)).isEqualByComparingTo("100");
        AppClient.Reply history = app.get("/app-api/wealth/history");
        assertThat(history.body().toString()).contains("\"positionId\":" + positionId);
    }

    private static BigDecimal available(AppClient app) throws Exception {
        for (JsonNode b : app.get("/app-api/wallet/balances").data()) {
            if ("USDT".equals(b.path("coin").asText()) && "AVAILABLE".equals(b.path("kind").asText())) {
                return new BigDecimal(b.path("balance").asText());
            }
        }
        return BigDecimal.ZERO;
    }
}
