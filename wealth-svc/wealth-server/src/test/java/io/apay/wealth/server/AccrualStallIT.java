package io.apay.wealth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An unfunded reward pool stops a product's accrual without overdrawing it; funding it resumes the days in order. */
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
        Reply first = accrue(FIRST.plusDays(4));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(200);
        assertThat(first.data().path("productDays").asInt()).isEqualTo(2);
        assertThat(first.data().path("positionDays").asInt()).isEqualTo(4);
        assertThat(first.data().path("stalledProducts").toString()).isEqualTo("[\"" + p.code() + "\"]");

        List<String> runs = jdbc.queryForList("SELECT CONCAT(day, ' ', status, ' ', COALESCE(failure_code, '')) FROM wealth_accrual_run"
                + " WHERE product_id = ? ORDER BY id", String.class, p.id());
        assertThat(runs).containsExactly("2030-01-01 POSTED ", "2030-01-02 POSTED ", "2030-01-03 VOIDED 14001");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wealth_accrual WHERE day >= '2030-01-03'", Integer.class)).isZero();
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
        assertThat(jdbc.queryForList("SELECT COUNT(*) FROM wealth_accrual GROUP BY position_id", Integer.class)).containsExactly(6, 6);
        assertThat(jdbc.queryForObject("SELECT accrual_stalled_code FROM wealth_product WHERE id = ?", Integer.class, p.id())).isNull();
        assertThat(meters.get("apay.wealth.accrual.stalled").gauge().value()).isZero();
        assertThat(productBalance(p, "USDT", "REWARD_PAYABLE")).isEqualByComparingTo("9.003");
        assertThat(productBalance(p, "USDT", "REWARD_POOL")).isEqualByComparingTo(new BigDecimal("103.75125").subtract(new BigDecimal("9.003")));
        assertThat(jdbc.queryForList("SELECT accrued FROM wealth_position WHERE product_id = ? ORDER BY id", BigDecimal.class, p.id()))
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("6"), new BigDecimal("3.003"));
        assertLedgerInvariants();
    }
}
