package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Operators read a product's accrual runs and fundings, every user's positions and their daily rewards (docs/admin.md,
 * "Wealth products"): the figures an accrual wrote, newest first, filtered and paged; WEALTH_READ (every role); the
 * refusals of bad input, unknown ids and a caller who is not an operator.
 */
@ApayIntegrationTest
class WealthAdminReadIT extends WealthFixture {

    private static final String ADMIN = "/admin-api/wealth";
    private static final long UNKNOWN_ID = 9_000_000_000_000_000L;

    @Test
    void aProductsAccrualRunsComeLatestDayFirstWithTheirFiguresAndAVoidedDayBeforeTheRunThatPaidIt() {
        LocalDate first = LocalDate.of(2030, 1, 1);
        today(first);
        // APR 0.365: a day pays principal / 1000 = 1.500500, nothing to round; funded for 2.5 days
        Product p = product("STAKING", "USDT", "USDT", null, "0.365", false, "0");
        long user = user("USDT", "1500.5");
        openPositions(p, List.of(new Open(user, "1000", first), new Open(user, "500.5", first)));
        assertThat(fund(p, "half-" + p.id(), "3.75125").status()).isEqualTo(200);
        today(first.plusDays(5));
        assertThat(accrue(first.plusDays(4)).status()).isEqualTo(200); // days 1, 2 posted; day 3 voided, the product stalls
        assertThat(fund(p, "more-" + p.id(), "100").status()).isEqualTo(200);
        assertThat(accrue(first.plusDays(4)).status()).isEqualTo(200); // days 3, 4, 5

        Reply all = asOperator("SUPPORT", "GET", ADMIN + "/products/" + p.id() + "/accrual-runs", null);

        assertThat(all.status()).as(all.body().toString()).isEqualTo(200);
        assertThat(all.data().path("total").asLong()).isEqualTo(6);
        assertThat(runs(all)).containsExactly("2030-01-05 POSTED", "2030-01-04 POSTED", "2030-01-03 POSTED", "2030-01-03 VOIDED",
                "2030-01-02 POSTED", "2030-01-01 POSTED");
        JsonNode latest = all.data().path("list").get(0);
        Map<String, Object> row = jdbc.queryForMap("SELECT id, txn_id FROM wealth_accrual_run WHERE product_id = ? AND day = '2030-01-05'", p.id());
        assertThat(latest.path("id").asLong()).isEqualTo(((Number) row.get("id")).longValue());
        assertThat(latest.path("positions").asInt()).isEqualTo(2);
        assertThat(latest.path("principal").asText()).isEqualTo("1500.500000");
        assertThat(latest.path("gross").asText()).isEqualTo("1.500500");
        assertThat(latest.path("paid").asText()).isEqualTo("1.500500");
        assertThat(latest.path("rounding").asText()).isEqualTo("0.000000");
        assertThat(latest.path("txnId").asLong()).isEqualTo(((Number) row.get("txn_id")).longValue()).isPositive();
        assertThat(latest.path("createdAt").asText()).isEqualTo("2030-01-06T00:00:00Z");
        assertThat(latest.path("updatedAt").asText()).isEqualTo("2030-01-06T00:00:00Z");
        JsonNode voided = all.data().path("list").get(3);
        assertThat(voided.path("failureCode").asInt()).isEqualTo(14001);
        assertThat(voided.path("txnId").isMissingNode() || voided.path("txnId").isNull()).as(voided.toString()).isTrue();
        assertThat(voided.path("paid").asText()).as("what it would have paid").isEqualTo("1.500500");

        Reply onlyVoided = asOperator("RISK", "GET", ADMIN + "/products/" + p.id() + "/accrual-runs?status=VOIDED", null);
        assertThat(runs(onlyVoided)).containsExactly("2030-01-03 VOIDED");
        assertThat(onlyVoided.data().path("total").asLong()).isEqualTo(1);
        Reply secondPage = asOperator("RISK", "GET", ADMIN + "/products/" + p.id() + "/accrual-runs?status=POSTED&pageNo=2&pageSize=2", null);
        assertThat(runs(secondPage)).containsExactly("2030-01-03 POSTED", "2030-01-02 POSTED");
        assertThat(secondPage.data().path("total").asLong()).isEqualTo(5);
        assertThat(runs(asOperator("RISK", "GET", ADMIN + "/products/" + p.id() + "/accrual-runs?status=CALCULATED", null))).isEmpty();

        refused(asOperator("SUPPORT", "GET", ADMIN + "/products/" + UNKNOWN_ID + "/accrual-runs", null), 404, 18001);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/products/" + p.id() + "/accrual-runs?status=DONE", null), 400, 10001);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/products/-" + p.id() + "/accrual-runs", null), 400, 10001);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/products/0/accrual-runs", null), 400, 10001);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/products/" + p.id() + "/accrual-runs?pageSize=101", null), 400, 10001);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/products/" + p.id() + "/accrual-runs?pageSize=0", null), 400, 10001);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/products/" + p.id() + "/accrual-runs?pageNo=0", null), 400, 10001);
    }

    /** docs/wealth.md's worked example (MINING, USDT locked, APAY earned): the principal in USDT, the rest in APAY. */
    @Test
    void aMiningRunShowsItsPrincipalInTheLockCoinAndItsRewardsInTheRewardCoin() {
        LocalDate day = LocalDate.of(2030, 3, 1);
        today(day);
        Product mining = product("MINING", "USDT", "APAY", null, "0.00137", false, "0");
        long user = user("USDT", "1012.345801");
        openPositions(mining, List.of(new Open(user, "1000", day), new Open(user, "0.000123", day), new Open(user, "12.345678", day)));
        assertThat(fund(mining, "example-" + mining.id(), "100").status()).isEqualTo(200);
        today(day.plusDays(1));
        assertThat(accrue(day).status()).isEqualTo(200);

        Reply r = asOperator("FINANCE", "GET", ADMIN + "/products/" + mining.id() + "/accrual-runs", null);

        assertThat(r.data().path("list")).hasSize(1);
        JsonNode run = r.data().path("list").get(0);
        assertThat(run.path("day").asText()).isEqualTo("2030-03-01");
        assertThat(run.path("status").asText()).isEqualTo("POSTED");
        assertThat(run.path("positions").asInt()).isEqualTo(3);
        assertThat(run.path("principal").asText()).isEqualTo("1012.345801");
        assertThat(run.path("gross").asText()).isEqualTo("1.38691374");
        assertThat(run.path("paid").asText()).isEqualTo("1.38691373");
        assertThat(run.path("rounding").asText()).isEqualTo("0.00000001");
    }

    @Test
    void positionsOfEveryUserFilterByProductUserAndStatusNewestFirstAndOneShowsItsDailyRewardsWithTheirRuns() {
        LocalDate first = LocalDate.of(2030, 5, 1);
        today(first);
        Product p = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0"); // a day pays principal / 10,000
        Product other = product("STAKING", "USDT", "USDT", null, "0.0365", false, "0");
        long alice = user("USDT", "1600");
        long bob = user("USDT", "2000");
        List<Long> ids = openPositions(p, List.of(new Open(alice, "1000", first), new Open(alice, "500", first), new Open(bob, "2000", first)));
        long big = ids.get(0);
        long small = ids.get(1);
        long bobs = ids.get(2);
        long elsewhere = openPosition(other, alice, "100", first);
        fund(p, "f-" + p.id(), "10");
        fund(other, "f-" + other.id(), "10");
        today(first.plusDays(3));
        assertThat(accrue(first.plusDays(2)).status()).isEqualTo(200);
        Reply redeemed = asUser(alice, "POST", "/app-api/wealth/positions/" + small + "/redeem", null);
        assertThat(redeemed.data().path("status").asText()).as(redeemed.body().toString()).isEqualTo("REDEEMED");

        Reply ofProduct = positions("productId=" + p.id());
        assertThat(ofProduct.status()).as(ofProduct.body().toString()).isEqualTo(200);
        assertThat(ids(ofProduct)).containsExactly(bobs, small, big);
        assertThat(ofProduct.data().path("total").asLong()).isEqualTo(3);
        assertThat(ofProduct.data().path("list").findValues("userId").stream().map(JsonNode::asLong)).containsExactly(bob, alice, alice);
        assertThat(ids(positions("productId=" + p.id() + "&userId=" + alice))).containsExactly(small, big);
        assertThat(ids(positions("productId=" + p.id() + "&status=REDEEMED"))).containsExactly(small);
        assertThat(ids(positions("userId=" + alice))).containsExactly(elsewhere, small, big);
        assertThat(ids(positions("userId=" + alice + "&status=OPEN"))).containsExactly(elsewhere, big);
        assertThat(ids(positions("userId=" + bob + "&status=REDEEMED"))).isEmpty();
        Reply lastPage = positions("productId=" + p.id() + "&pageNo=2&pageSize=2");
        assertThat(ids(lastPage)).containsExactly(big);
        assertThat(lastPage.data().path("total").asLong()).isEqualTo(3);

        Reply one = asOperator("SUPPORT", "GET", ADMIN + "/positions/" + big, null);
        assertThat(one.status()).as(one.body().toString()).isEqualTo(200);
        JsonNode position = one.data();
        assertThat(position.path("userId").asLong()).isEqualTo(alice);
        assertThat(position.path("positionId").asLong()).isEqualTo(big);
        assertThat(position.path("productId").asLong()).isEqualTo(p.id());
        assertThat(position.path("productCode").asText()).isEqualTo(p.code());
        assertThat(position.path("status").asText()).isEqualTo("OPEN");
        assertThat(position.path("principal").asText()).isEqualTo("1000.000000");
        assertThat(position.path("accrued").asText()).isEqualTo("0.300000");
        assertThat(position.path("accruedThrough").asText()).isEqualTo("2030-05-03");
        assertThat(position.path("startDay").asText()).isEqualTo("2030-05-01");
        JsonNode ended = asOperator("SUPPORT", "GET", ADMIN + "/positions/" + small, null).data();
        assertThat(ended.path("status").asText()).isEqualTo("REDEEMED");
        assertThat(ended.path("redeemKind").asText()).isEqualTo("FLEXIBLE");
        assertThat(ended.path("rewardPaid").asText()).isEqualTo("0.150000");

        Reply days = asOperator("SUPPORT", "GET", ADMIN + "/positions/" + big + "/accruals?pageSize=2", null);
        assertThat(days.status()).as(days.body().toString()).isEqualTo(200);
        assertThat(days.data().path("total").asLong()).isEqualTo(3);
        assertThat(days.data().path("list").findValuesAsText("day")).containsExactly("2030-05-03", "2030-05-02");
        assertThat(days.data().path("list").findValuesAsText("amount")).containsExactly("0.100000", "0.100000");
        Reply runs = asOperator("SUPPORT", "GET", ADMIN + "/products/" + p.id() + "/accrual-runs?pageSize=2", null);
        assertThat(days.data().path("list").findValues("runId").stream().map(JsonNode::asLong).toList())
                .as("each day was paid by the product's run of that day")
                .isEqualTo(runs.data().path("list").findValues("id").stream().map(JsonNode::asLong).toList());
        Reply oldest = asOperator("SUPPORT", "GET", ADMIN + "/positions/" + big + "/accruals?pageNo=2&pageSize=2", null);
        assertThat(oldest.data().path("list").findValuesAsText("day")).containsExactly("2030-05-01");

        refused(asOperator("SUPPORT", "GET", ADMIN + "/positions/" + UNKNOWN_ID, null), 404, 18011);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/positions/" + UNKNOWN_ID + "/accruals", null), 404, 18011);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/positions/-" + big, null), 400, 10001);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/positions/-" + big + "/accruals", null), 400, 10001);
        refused(positions("productId=-1"), 400, 10001);
        refused(positions("userId=0"), 400, 10001);
        refused(positions("status=CLOSED"), 400, 10001);
        refused(positions("pageSize=1000"), 400, 10001);
        refused(positions("userId=alice"), 400, 10004);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/positions/first", null), 400, 10004);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/positions/" + big + "/accruals?pageSize=101", null), 400, 10001);
        assertThat(ids(positions("productId=" + UNKNOWN_ID))).as("a filter that matches nothing").isEmpty();
    }

    @Test
    void aProductsFundingsComeNewestFirstAndPaged() {
        today(LocalDate.of(2030, 7, 1));
        Product p = product("MINING", "USDT", "APAY", null, "0.001", false, "0");
        Product other = product("MINING", "USDT", "APAY", null, "0.001", false, "0");
        Reply budget = fund(p, "budget-" + p.id(), "10");
        assertThat(fund(other, "other-" + other.id(), "1").status()).isEqualTo(200);
        assertThat(fund(p, "top-up-" + p.id(), "2.5").status()).isEqualTo(200);

        Reply all = asOperator("MERCHANT_MANAGER", "GET", ADMIN + "/products/" + p.id() + "/fundings", null);

        assertThat(all.status()).as(all.body().toString()).isEqualTo(200);
        assertThat(all.data().path("total").asLong()).isEqualTo(2);
        assertThat(all.data().path("list").findValuesAsText("fundingNo")).containsExactly("top-up-" + p.id(), "budget-" + p.id());
        assertThat(all.data().path("list").findValuesAsText("amount")).containsExactly("2.50000000", "10.00000000");
        JsonNode oldest = all.data().path("list").get(1);
        assertThat(oldest.path("productId").asLong()).isEqualTo(p.id());
        assertThat(oldest.path("coin").asText()).isEqualTo("APAY");
        assertThat(oldest.path("status").asText()).isEqualTo("DONE");
        assertThat(oldest.path("operator").asText()).isEqualTo("7");
        assertThat(oldest.path("reason").asText()).isEqualTo("reward budget");
        assertThat(oldest.path("txnId").asLong()).isEqualTo(budget.data().path("txnId").asLong()).isPositive();
        assertThat(oldest.path("createdAt").asText()).isEqualTo("2030-07-01T00:00:00Z");
        Reply page = asOperator("SUPPORT", "GET", ADMIN + "/products/" + p.id() + "/fundings?pageNo=2&pageSize=1", null);
        assertThat(page.data().path("list").findValuesAsText("fundingNo")).containsExactly("budget-" + p.id());
        assertThat(page.data().path("total").asLong()).isEqualTo(2);

        refused(asOperator("SUPPORT", "GET", ADMIN + "/products/" + UNKNOWN_ID + "/fundings", null), 404, 18001);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/products/-1/fundings", null), 400, 10001);
        refused(asOperator("SUPPORT", "GET", ADMIN + "/products/" + p.id() + "/fundings?pageNo=-1", null), 400, 10001);
    }

    @Test
    void everyRoleReadsAndACallerWhoIsNoOperatorIsRefused() {
        today(LocalDate.of(2030, 9, 1));
        Product p = product("STAKING", "USDT", "USDT", null, "0.05", false, "0");
        long user = user("USDT", "10");
        long position = openPosition(p, user, "10", LocalDate.of(2030, 9, 2));
        List<String> reads = List.of(ADMIN + "/products/" + p.id() + "/accrual-runs", ADMIN + "/products/" + p.id() + "/fundings",
                ADMIN + "/positions", ADMIN + "/positions/" + position, ADMIN + "/positions/" + position + "/accruals");

        for (String path : reads) {
            for (String role : List.of("SUPER_ADMIN", "FINANCE", "RISK", "SUPPORT", "MERCHANT_MANAGER")) {
                Reply r = asOperator(role, "GET", path, null);
                assertThat(r.status()).as(role + " " + path + " " + r.body()).isEqualTo(200);
            }
            refused(call("http://127.0.0.1:" + port, "GET", path, null, Map.of()), 401, 10010);
            refused(asUser(user, "GET", path, null), 401, 10010);
            refused(call("http://127.0.0.1:" + port, "GET", path, null, Map.of("X-Apay-Operator-Id", "7")), 403, 10011);
        }
    }

    private Reply positions(String query) {
        return asOperator("SUPPORT", "GET", ADMIN + "/positions?" + query, null);
    }

    private static List<String> runs(Reply r) {
        List<String> runs = new ArrayList<>();
        r.data().path("list").forEach(run -> runs.add(run.path("day").asText() + " " + run.path("status").asText()));
        return runs;
    }

    private static List<Long> ids(Reply r) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.data().path("list").findValues("positionId").stream().map(JsonNode::asLong).toList();
    }

    private static void refused(Reply r, int status, int code) {
        assertThat(r.code()).as(r.body().toString()).isEqualTo(code);
        assertThat(r.status()).isEqualTo(status);
    }
}
