package io.apay.wealth.server.service.accrual;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AccrualFormulaTest {

    @Test
    void stakingIsTheAprOverAYearOfDaysRoundedDownAtTheCoinsScale() {
        AccrualFormula usdt = AccrualFormula.of("STAKING", new BigDecimal("0.0735"), 6);
        assertThat(usdt.reward(new BigDecimal("1000"))).isEqualByComparingTo("0.201369"); // 0.2013698630...
        assertThat(usdt.reward(new BigDecimal("0.01"))).isEqualByComparingTo("0.000002");
        assertThat(usdt.reward(new BigDecimal("0.004965"))).isZero(); // 0.00000099978...: rounds down to nothing
        assertThat(usdt.reward(new BigDecimal("1000")).scale()).isEqualTo(6);
    }

    @Test
    void miningIsTheRatePerUnitRoundedDownAtTheRewardCoinsScale() {
        AccrualFormula apay = AccrualFormula.of("MINING", new BigDecimal("0.00137"), 8);
        assertThat(apay.reward(new BigDecimal("12.345678"))).isEqualByComparingTo("0.01691357"); // 0.01691357886
        assertThat(apay.reward(new BigDecimal("0.000001"))).isZero();
    }

    @Test
    void theGrossOfASumIsNeverLessThanTheSumOfItsRewards() {
        AccrualFormula f = AccrualFormula.of("STAKING", new BigDecimal("0.0735"), 6);
        BigDecimal[] principals = {new BigDecimal("1000"), new BigDecimal("333.333333"), new BigDecimal("0.01"), new BigDecimal("2500.5")};
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        for (BigDecimal p : principals) {
            sum = sum.add(p);
            paid = paid.add(f.reward(p));
        }
        assertThat(f.reward(sum).subtract(paid)).isEqualByComparingTo("0.000001");
    }
}
