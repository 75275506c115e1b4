package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Operators define products: the lifecycle and its refusals, the definition rules, the op-log, the permissions. */
@ApayIntegrationTest
class ProductAdminIT extends WealthAppTestSupport {

    @Test
    void aProductGoesFromDraftToSaleToPausedToRetiredAndEachRefusalSaysSo() {
        Reply created = createProduct(definition(newCode("LIFE")));
        assertThat(created.code()).as(created.body().toString()).isZero();
        long id = created.data().path("id").asLong();
        assertThat(created.data().path("status").asText()).isEqualTo("DRAFT");
        assertThat(created.data().path("rewardCoin").asText()).as("STAKING earns its lock coin").isEqualTo("USDT");
        assertThat(created.data().path("minAmount").asText()).isEqualTo("1.000000");
        assertThat(created.data().path("rewardRate").asText()).isEqualTo("0.08");

        Map<String, Object> edited = definition(created.data().path("code").asText());
        edited.put("totalQuota", "5000");
        edited.put("termDays", 90);
        edited.put("earlyRedeem", true);
        edited.put("earlyPenaltyShare", "0.5");
        edited.put("reason", "a 90-day term after all");
        Reply edit = asOperator("FINANCE", "PUT", "/admin-api/wealth/products/" + id, json(edited));
        assertThat(edit.code()).as(edit.body().toString()).isZero();
        assertThat(edit.data().path("totalQuota").asText()).isEqualTo("5000.000000");
        assertThat(edit.data().path("termDays").asInt()).isEqualTo(90);
        assertThat(edit.data().path("earlyPenaltyShare").asText()).isEqualTo("0.5");

        assertThat(lifecycle(id, "resume").code()).as("only a paused product resumes").isEqualTo(18015);
        assertThat(lifecycle(id, "pause").code()).as("a draft is not on sale").isEqualTo(18015);
        assertThat(lifecycle(id, "publish").data().path("status").asText()).isEqualTo("ON_SALE");
        assertThat(lifecycle(id, "publish").code()).isEqualTo(18015);
        Reply lateEdit = asOperator("FINANCE", "PUT", "/admin-api/wealth/products/" + id, json(edited));
        assertThat(lateEdit.status()).isEqualTo(409);
        assertThat(lateEdit.code()).isEqualTo(18014);
        assertThat(lifecycle(id, "pause").data().path("status").asText()).isEqualTo("PAUSED");
        assertThat(lifecycle(id, "pause").code()).isEqualTo(18015);
        assertThat(lifecycle(id, "resume").data().path("status").asText()).isEqualTo("ON_SALE");
        assertThat(lifecycle(id, "pause").code()).isZero();
        assertThat(lifecycle(id, "retire").data().path("status").asText()).isEqualTo("RETIRED");
        assertThat(lifecycle(id, "retire").code()).isEqualTo(18015);
        assertThat(lifecycle(id, "resume").code()).isEqualTo(18015);
        assertThat(lifecycle(id, "publish").code()).isEqualTo(18015);
        assertThat(lifecycle(UNKNOWN_ID, "publish").code()).isEqualTo(18001);

        List<Map<String, Object>> log = jdbc.queryForList("SELECT operation, reason, outcome, error_code, actor_id, before_state, after_state"
                + " FROM op_log WHERE operation LIKE 'wealth.product.%' AND (args LIKE ? OR after_state LIKE ?) ORDER BY id",
                "%\"productId\":" + id + ",%", "%\"id\":" + id + ",%");
        assertThat(log).extracting(r -> r.get("operation") + " " + r.get("outcome")).containsExactly(
                "wealth.product.create SUCCESS", "wealth.product.edit SUCCESS", "wealth.product.resume FAILURE",
                "wealth.product.pause FAILURE", "wealth.product.publish SUCCESS", "wealth.product.publish FAILURE",
                "wealth.product.edit FAILURE", "wealth.product.pause SUCCESS", "wealth.product.pause FAILURE",
                "wealth.product.resume SUCCESS", "wealth.product.pause SUCCESS", "wealth.product.retire SUCCESS",
                "wealth.product.retire FAILURE", "wealth.product.resume FAILURE", "wealth.product.publish FAILURE");
        assertThat(log.get(0).get("reason")).isEqualTo("new product for the test");
        assertThat(log.get(1).get("reason")).isEqualTo("a 90-day term after all");
        assertThat((String) log.get(1).get("before_state")).contains("\"totalQuota\":\"1000.000000\"");
        assertThat((String) log.get(1).get("after_state")).contains("\"totalQuota\":\"5000.000000\"");
        assertThat(log.get(4).get("reason")).isEqualTo("test: publish");
        assertThat((String) log.get(4).get("before_state")).contains("\"status\":\"DRAFT\"");
        assertThat((String) log.get(4).get("after_state")).contains("\"status\":\"ON_SALE\"");
        assertThat(((Number) log.get(6).get("error_code")).intValue()).isEqualTo(18014);
        assertThat(log.get(0).get("actor_id")).isEqualTo("7");
    }

    @Test
    void everyRuleOfADefinitionIsCheckedAndNamed() {
        invalid(d -> d.put("code", "lower-case"), "code");
        invalid(d -> d.put("code", "X"), "code");
        invalid(d -> d.put("rewardCoin", "BTC"), "rewardCoin must equal lockCoin");
        invalid(d -> d.put("type", "MINING"), "needs a rewardCoin");
        invalid(d -> d.put("rewardRate", "0"), "rewardRate");
        invalid(d -> d.put("rewardRate", "-0.1"), "rewardRate");
        invalid(d -> d.put("minAmount", "0"), "minAmount");
        invalid(d -> d.put("minAmount", "1.0000001"), "minAmount");
        invalid(d -> d.put("maxPerUser", "0.5"), "minAmount <= maxPerUser <= totalQuota");
        invalid(d -> d.put("totalQuota", "99"), "minAmount <= maxPerUser <= totalQuota");
        invalid(d -> d.put("saleEnd", EPOCH.toString()), "saleEnd");
        invalid(d -> d.put("saleEnd", EPOCH.minus(Duration.ofDays(1)).toString()), "saleEnd");
        invalid(d -> d.put("termDays", 0), "termDays");
        invalid(d -> d.put("termDays", 3651), "termDays");
        invalid(d -> d.put("earlyRedeem", true), "fixed-term products only");
        invalid(d -> {
            d.put("termDays", 30);
            d.put("earlyRedeem", true);
            d.put("earlyPenaltyShare", "1.5");
        }, "earlyPenaltyShare");
        invalid(d -> {
            d.put("termDays", 30);
            d.put("earlyPenaltyShare", "0.1");
        }, "earlyPenaltyShare applies only when earlyRedeem");

        Map<String, Object> unknownCoin = definition(newCode("DOGE"));
        unknownCoin.put("lockCoin", "DOGE");
        assertThat(createProduct(unknownCoin).code()).isEqualTo(18018);
        Map<String, Object> unknownReward = definition(newCode("MINE"));
        unknownReward.put("type", "MINING");
        unknownReward.put("rewardCoin", "NOPE");
        assertThat(createProduct(unknownReward).code()).isEqualTo(18018);
        Map<String, Object> noReason = definition(newCode("WHY"));
        noReason.remove("reason");
        assertThat(createProduct(noReason).code()).isEqualTo(10001);
        Map<String, Object> badType = definition(newCode("TYPE"));
        badType.put("type", "LOTTERY");
        assertThat(createProduct(badType).code()).isEqualTo(10001);
        Map<String, Object> forged = definition(newCode("FORGED"));
        forged.put("name", "USDT \u202Eyrev-elbats");
        assertThat(createProduct(forged).code()).as("a bidi override in a name").isEqualTo(10050);
        Map<String, Object> number = definition(newCode("NUMBER"));
        number.put("minAmount", 1);
        assertThat(createProduct(number).code()).as("an amount as a JSON number").isEqualTo(10002);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_product WHERE code LIKE 'DOGE-%' OR code LIKE 'WHY-%'"
                + " OR code LIKE 'FORGED-%' OR code LIKE 'NUMBER-%'",
                Integer.class)).isZero();
    }

    @Test
    void aCodeIsUniqueAndAMiningProductMayEarnAnotherCoin() {
        String code = newCode("MINING");
        Map<String, Object> mining = definition(code);
        mining.put("type", "MINING");
        mining.put("lockCoin", "USDT");
        mining.put("rewardCoin", "APAY");
        mining.put("rewardRate", "0.5");
        mining.put("termDays", 7);
        Reply created = createProduct(mining);
        assertThat(created.code()).as(created.body().toString()).isZero();
        assertThat(created.data().path("rewardCoin").asText()).isEqualTo("APAY");

        Reply again = createProduct(definition(code));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo(18017);
        Reply other = createProduct(definition(newCode("OTHER")));
        Reply renamed = asOperator("FINANCE", "PUT", "/admin-api/wealth/products/" + other.data().path("id").asLong(),
                json(definition(code)));
        assertThat(renamed.code()).isEqualTo(18017);
    }

    @Test
    void oneProductShowsItsLedgerBalancesAndListsFilterByStatus() {
        long id = productOnSale(definition(newCode("BAL")));
        long user = newUserId();
        fundUser(user, "USDT", "25");
        assertThat(subscribe(user, "bal-1", id, "25").code()).isZero();
        Reply funded = ledger("POST", "/rpc-api/ledger/transfers", json("idempotencyKey", "test-fund-product-" + id, "legs", List.of(Map.of(
                "from", Map.of("ownerType", "PLATFORM", "ownerId", "platform", "coin", "USDT", "kind", "FUNDING"),
                "to", Map.of("ownerType", "PRODUCT", "ownerId", "product-" + id, "coin", "USDT", "kind", "REWARD_POOL"),
                "amount", "7.5"))));
        assertThat(funded.status()).isEqualTo(200);

        Reply one = asOperator("SUPPORT", "GET", "/admin-api/wealth/products/" + id, null);

        assertThat(one.code()).as(one.body().toString()).isZero();
        JsonNode balances = one.data().path("balances");
        assertThat(balances.path("ledgerOwnerId").asText()).isEqualTo("product-" + id);
        assertThat(balances.path("staked").asText()).isEqualTo("25.000000");
        assertThat(balances.path("rewardPool").asText()).isEqualTo("7.500000");
        assertThat(balances.path("rewardPayable").asText()).isEqualTo("0.000000");
        assertThat(balances.path("rounding").asText()).isEqualTo("0.000000");
        assertThat(one.data().path("locked").asText()).isEqualTo("25.000000");

        long draft = createProduct(definition(newCode("LIST"))).data().path("id").asLong();
        Reply drafts = asOperator("SUPPORT", "GET", "/admin-api/wealth/products?status=DRAFT&pageSize=100", null);
        assertThat(drafts.data().path("list").findValuesAsText("status")).containsOnly("DRAFT");
        assertThat(drafts.data().path("list").findValues("id").stream().map(JsonNode::asLong)).contains(draft).doesNotContain(id);
        Reply firstPage = asOperator("SUPPORT", "GET", "/admin-api/wealth/products?pageNo=1&pageSize=1", null);
        assertThat(firstPage.data().path("list")).hasSize(1);
        assertThat(firstPage.data().path("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(asOperator("SUPPORT", "GET", "/admin-api/wealth/products?status=SOLD", null).code()).isEqualTo(10001);
        assertThat(asOperator("SUPPORT", "GET", "/admin-api/wealth/products/" + UNKNOWN_ID, null).code()).isEqualTo(18001);
    }

    @Test
    void onlyARoleWithWealthManageChangesProducts() {
        Reply bySupport = asOperator("SUPPORT", "POST", "/admin-api/wealth/products", json(definition(newCode("SUPPORT"))));
        assertThat(bySupport.status()).isEqualTo(403);
        assertThat(bySupport.code()).isEqualTo(10011);
        Reply byRisk = asOperator("RISK", "POST", "/admin-api/wealth/products", json(definition(newCode("RISK"))));
        assertThat(byRisk.code()).isEqualTo(10011);
        long id = createProduct(definition(newCode("PERM"))).data().path("id").asLong();
        assertThat(asOperator("SUPPORT", "POST", "/admin-api/wealth/products/" + id + "/publish", json("reason", "try")).code())
                .isEqualTo(10011);
        assertThat(asOperator("SUPER_ADMIN", "POST", "/admin-api/wealth/products/" + id + "/publish", json("reason", "go")).code()).isZero();
        Reply anonymous = call("http://127.0.0.1:" + port, "GET", "/admin-api/wealth/products", null, Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_product WHERE code LIKE 'SUPPORT-%' OR code LIKE 'RISK-%'",
                Integer.class)).isZero();
    }

    private void invalid(Consumer<Map<String, Object>> change, String rule) {
        Map<String, Object> d = definition(newCode("BAD"));
        change.accept(d);
        Reply r = createProduct(d);
        assertThat(r.code()).as(d + " -> " + r.body()).isEqualTo(18016);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().path("message").asText()).contains(rule);
    }
}
