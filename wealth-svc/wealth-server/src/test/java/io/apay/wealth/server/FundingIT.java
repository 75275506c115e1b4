package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operators fund a product's reward pool: once per fundingNo, with WEALTH_FUND, op-logged with the reason. */
@ApayIntegrationTest
class FundingIT extends WealthFixture {

    @Test
    void aFundingMovesCoinFromFundingToThePoolOnceForItsNumber() {
        today(LocalDate.of(2030, 1, 1));
        Product p = product("MINING", "USDT", "APAY", null, "0.001", false, "0");
        Reply first = fund(p, "budget-1-" + p.id(), "1000.12345678");
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.data().path("status").asText()).isEqualTo("DONE");
        assertThat(first.data().path("coin").asText()).isEqualTo("APAY");
        assertThat(first.data().path("amount").asText()).isEqualTo("1000.12345678");
        assertThat(first.data().path("operator").asText()).isEqualTo("7");

        Reply again = fund(p, "budget-1-" + p.id(), "1000.12345678");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().path("txnId").asLong()).isEqualTo(first.data().path("txnId").asLong());
        assertThat(productBalance(p, "APAY", "REWARD_POOL")).isEqualByComparingTo("1000.12345678");

        Map<String, Object> log = jdbc.queryForMap("SELECT actor_type, actor_id, reason, outcome FROM op_log WHERE operation = 'wealth.funding'"
                + " AND args LIKE ? ORDER BY id LIMIT 1", "%budget-1-" + p.id() + "%");
        assertThat(log).containsEntry("actor_type", "operator").containsEntry("actor_id", "7").containsEntry("reason", "reward budget")
                .containsEntry("outcome", "SUCCESS");
        assertLedgerInvariants();
    }

    @Test
    void theSameNumberForAnotherAmountOrProductIsRefused() {
        Product p = product("STAKING", "USDT", "USDT", null, "0.05", false, "0");
        Product other = product("STAKING", "USDT", "USDT", null, "0.05", false, "0");
        assertThat(fund(p, "once-" + p.id(), "10").status()).isEqualTo(200);

        Reply amount = fund(p, "once-" + p.id(), "11");
        assertThat(amount.status()).isEqualTo(409);
        assertThat(amount.code()).isEqualTo(18019);
        Reply product = fund(other, "once-" + p.id(), "10");
        assertThat(product.code()).isEqualTo(18019);
        assertThat(productBalance(p, "USDT", "REWARD_POOL")).isEqualByComparingTo("10");
        assertThat(productBalance(other, "USDT", "REWARD_POOL")).isZero();
    }

    @Test
    void fundingNeedsWealthFundAKnownProductAndTheCoinsScale() {
        Product p = product("STAKING", "USDT", "USDT", null, "0.05", false, "0");
        Reply support = asOperator("SUPPORT", "POST", "/admin-api/wealth/products/" + p.id() + "/funding",
                json("fundingNo", "nope-" + p.id(), "amount", "10", "reason", "no permission"));
        assertThat(support.status()).isEqualTo(403);
        Reply unknown = asOperator("FINANCE", "POST", "/admin-api/wealth/products/" + (p.id() + 1000) + "/funding",
                json("fundingNo", "nope2-" + p.id(), "amount", "10", "reason", "no product"));
        assertThat(unknown.code()).isEqualTo(18001);
        Reply scale = fund(p, "nope3-" + p.id(), "10.0000001");
        assertThat(scale.code()).isEqualTo(18005);
        Reply noReason = asOperator("FINANCE", "POST", "/admin-api/wealth/products/" + p.id() + "/funding",
                json("fundingNo", "nope4-" + p.id(), "amount", "10"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_funding WHERE product_id = ?", Integer.class, p.id())).isZero();
        assertThat(productBalance(p, "USDT", "REWARD_POOL")).isZero();
    }
}
