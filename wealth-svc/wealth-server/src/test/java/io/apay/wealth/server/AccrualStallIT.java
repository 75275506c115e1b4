package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An unfunded reward pool stops a product's accrual without overdrawing it; funding it resumes the days in order. And
 * the worked example of docs/wealth.md, as run.
 */
@ApayIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AccrualStallIT extends WealthFixture {

    private static final LocalDate FIRST = LocalDate.of(2030, 1, 1);

    @Autowired
    MeterRegistry meters;

    @Test
    void aPoolFundedForTwoAndAHalfDaysPaysTwoThenStopsUntilFundedThenAccruesTheRestInOrderEachOnce(CapturedOutput output) {
        today(FIRST);
        // APR 0.365: a day pays principal / 1000. Day's gross = 1.500500 (1.000000 + 0.500500, nothing to round)
        Product p = product("STAKING", "USDT", "USDT", null, "0.365", false, "0");
        long user = user("USDT", "2000");
        openPositions(p, List.of(new Open(user, "1000", FIRST), new Open(user, "500.5", FIRST)));
        assertThat(fund(p, "half-" + p.id(), "3.75125").status()).isEqualTo(200); // 2.5 days

        today(FIRST.plusDays(5));
        Reply notEnded = accrue(FIRST.plusDays(5)); // today has not ended
        assertThat(notEnded.status()).isEqualTo(400);
        assertThat(notEnded.code()).isEqualTo(18020);
        Reply first = accrue(FIRST.plusDays(4));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.data().path("productDays").asInt()).isEqualTo(2);
        assertThat(first.data().path("positionDays").asInt()).isEqualTo(4);
        assertThat(first.data().path("stalledProducts").toString()).isEqualTo("[\"" + p.code() + "\"]");

        List<String> runs = jdbc.queryForList("SELECT CONCAT(day, ' ', status, ' ', COALESCE(failure_code, '')) FROM wealth_accrual_run"
                + " WHERE product_id = ? ORDER BY id", String.class, p.id());
        assertThat(runs).containsExactly("2030-01-01 POSTED ", "2030-01-02 POSTED ", "2030-01-03 VOIDED 14001");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual a JOIN wealth_position p ON p.id = a.position_id"
                + " WHERE p.product_id = ? AND a.day >= '2030-01-03'", Integer.class, p.id())).isZero();
        assertThat(jdbc.queryForObject("SELECT accrual_stalled_code FROM wealth_product WHERE id = ?", Integer.class, p.id())).isEqualTo(14001);
        assertThat(jdbc.queryForObject("SELECT accrued_through FROM wealth_product WHERE id = ?", LocalDate.class, p.id())).isEqualTo(FIRST.plusDays(1));
        assertThat(productBalance(p, "USDT", "REWARD_POOL")).isEqualByComparingTo("0.75025");
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("3.001");
        assertThat(meters.get("apay.wealth.accrual.stalled").gauge().value()).isEqualTo(1.0);
        assertThat(output.getOut()).contains("ALERT wealth accrual stalled product=" + p.code() + " day=2030-01-03");

        // later days wait, and the pool known short makes no new run
        today(FIRST.plusDays(6));
        Reply waiting = accrue(FIRST.plusDays(5));
        assertThat(waiting.data().path("productDays").asInt()).isZero();
        assertThat(waiting.data().path("stalledProducts").toString()).isEqualTo("[\"" + p.code() + "\"]");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual_run WHERE product_id = ?", Integer.class, p.id())).isEqualTo(3);

        // funded: the next call accrues day 3 onward, in order, each once
        assertThat(fund(p, "more-" + p.id(), "100").status()).isEqualTo(200);
        Reply resumed = accrue(FIRST.plusDays(5));
        assertThat(resumed.data().path("productDays").asInt()).isEqualTo(4);
        assertThat(resumed.data().path("positionDays").asInt()).isEqualTo(8);
        assertThat(resumed.data().path("stalledProducts").size()).isZero();
        assertThat(jdbc.queryForList("SELECT day FROM wealth_accrual_run WHERE product_id = ? AND status = 'POSTED' ORDER BY id",
                LocalDate.class, p.id())).containsExactly(FIRST, FIRST.plusDays(1), FIRST.plusDays(2), FIRST.plusDays(3), FIRST.plusDays(4),
                FIRST.plusDays(5));
        assertThat(jdbc.queryForList("SELECT COUNT(*) FROM wealth_accrual a JOIN wealth_position p ON p.id = a.position_id"
                + " WHERE p.product_id = ? GROUP BY a.position_id", Integer.class, p.id())).containsExactly(6, 6);
        assertThat(jdbc.queryForObject("SELECT accrual_stalled_code FROM wealth_product WHERE id = ?", Integer.class, p.id())).isNull();
        assertThat(meters.get("apay.wealth.accrual.stalled").gauge().value()).isZero();
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("9.003");
        assertThat(productBalance(p, "USDT", "REWARD_POOL")).isEqualByComparingTo(new BigDecimal("103.75125").subtract(new BigDecimal("9.003")));
        assertThat(jdbc.queryForList("SELECT accrued FROM wealth_position WHERE product_id = ? ORDER BY id", BigDecimal.class, p.id()))
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("6"), new BigDecimal("3.003"));
        assertLedgerInvariants();
    }

    /** docs/wealth.md, "Worked example": the figures there are these. */
    @Test
    void theWorkedExampleOfTheDocs() {
        LocalDate day = LocalDate.of(2030, 3, 1);
        today(day);
        Product staking = product("STAKING", "USDT", "USDT", null, "0.0735", false, "0");
        Product mining = product("MINING", "USDT", "APAY", null, "0.00137", false, "0");
        long user = user("USDT", "5000");
        List<Long> s = openPositions(staking, List.of(new Open(user, "1000", day), new Open(user, "333.333333", day), new Open(user, "0.01", day),
                new Open(user, "2500.5", day)));
        List<Long> m = openPositions(mining, List.of(new Open(user, "1000", day), new Open(user, "0.000123", day), new Open(user, "12.345678", day)));
        fund(staking, "example-" + staking.id(), "100");
        fund(mining, "example-" + mining.id(), "100");
        today(day.plusDays(1));
        assertThat(accrue(day).status()).isEqualTo(200);

        assertThat(rewards(staking, s)).containsExactly("0.201369", "0.067123", "0.000002", "0.503525");
        assertThat(run(staking)).isEqualTo("4 3833.843333 0.772020 0.772019 0.000001");
        assertThat(rewards(mining, m)).containsExactly("1.37000000", "0.00000016", "0.01691357");
        assertThat(run(mining)).isEqualTo("3 1012.345801 1.38691374 1.38691373 0.00000001");
        assertThat(productBalance(staking, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("0.772019");
        assertThat(productBalance(staking, "USDT", "ROUNDING")).isEqualByComparingTo("0.000001");
        assertThat(productBalance(staking, "USDT", "REWARD_POOL")).isEqualByComparingTo("99.22798");
        assertThat(productBalance(mining, "APAY", "REWARD_PAYABLE")).isEqualByComparingTo("1.38691373");
        assertThat(productBalance(mining, "APAY", "ROUNDING")).isEqualByComparingTo("0.00000001");
        assertThat(productBalance(mining, "APAY", "REWARD_POOL")).isEqualByComparingTo("98.61308626");
        assertLedgerInvariants();
    }

    private List<String> rewards(Product p, List<Long> positions) {
        return positions.stream().map(id -> jdbc.queryForObject("SELECT amount FROM wealth_accrual WHERE position_id = ?", BigDecimal.class, id)
                .setScale(p.rewardScale(), RoundingMode.UNNECESSARY).toPlainString()).toList();
    }

    private String run(Product p) {
        Map<String, Object> r = jdbc.queryForMap("SELECT positions, principal, gross, paid, rounding FROM wealth_accrual_run WHERE product_id = ?", p.id());
        int scale = p.rewardScale();
        return r.get("positions") + " " + ((BigDecimal) r.get("principal")).setScale(6, RoundingMode.UNNECESSARY).toPlainString() + " "
                + ((BigDecimal) r.get("gross")).setScale(scale, RoundingMode.UNNECESSARY).toPlainString() + " "
                + ((BigDecimal) r.get("paid")).setScale(scale, RoundingMode.UNNECESSARY).toPlainString() + " "
                + ((BigDecimal) r.get("rounding")).setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
    }
}
