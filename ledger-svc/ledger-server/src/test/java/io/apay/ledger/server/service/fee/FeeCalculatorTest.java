package io.apay.ledger.server.service.fee;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class FeeCalculatorTest {

    static final FeeSchedule OTC = new FeeSchedule("USDT", "OTC_PAYMENT", new BigDecimal("0.02"), BigDecimal.ZERO,
            new BigDecimal("0.01"), null, new BigDecimal("0.4"), RoundingMode.HALF_UP);

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void percentageFeeIsSplitBetweenCommissionAndPlatform() {
        FeeSplit s = FeeCalculator.split(OTC, d("100.000000"), 6, true);
        assertThat(s.fee()).isEqualByComparingTo("2");
        assertThat(s.commission()).isEqualByComparingTo("0.8");
        assertThat(s.platformIncome()).isEqualByComparingTo("1.2");
        assertThat(s.roundingRemainder()).isEqualByComparingTo("0");
    }

    @Test
    void roundingIsExplicitAndTheRemainderIsKept() {
        // 2% of 0.500001 = 0.01000002 -> 0.010000 (HALF_UP); 40% = 0.004; 60% = 0.006
        FeeSplit a = FeeCalculator.split(OTC, d("0.500001"), 6, true);
        assertThat(a.fee()).isEqualByComparingTo("0.010000");
        assertThat(a.commission().add(a.platformIncome()).add(a.roundingRemainder())).isEqualByComparingTo(a.fee());

        // a fee of one smallest unit cannot be split 40/60: both shares round down, the unit goes to ROUNDING
        FeeSchedule tiny = new FeeSchedule("USDT", "X", d("0.000001"), BigDecimal.ZERO, BigDecimal.ZERO, null,
                d("0.4"), RoundingMode.HALF_UP);
        FeeSplit b = FeeCalculator.split(tiny, d("1.5"), 6, true);
        assertThat(b.fee()).isEqualByComparingTo("0.000002");
        assertThat(b.commission()).isEqualByComparingTo("0");
        assertThat(b.platformIncome()).isEqualByComparingTo("0.000001");
        assertThat(b.roundingRemainder()).isEqualByComparingTo("0.000001");
        assertThat(b.fee().scale()).isEqualTo(6);
    }

    @Test
    void minimumMaximumAndFixedPartApply() {
        FeeSchedule withdrawal = new FeeSchedule("USDT", "WITHDRAWAL", d("0.001"), d("1"), d("1"), d("50"),
                BigDecimal.ZERO, RoundingMode.HALF_UP);
        assertThat(FeeCalculator.split(withdrawal, d("10"), 6, false).fee()).isEqualByComparingTo("1.01");
        assertThat(FeeCalculator.split(withdrawal, d("1000000"), 6, false).fee()).isEqualByComparingTo("50");
        assertThat(FeeCalculator.split(OTC, d("0.1"), 6, true).fee()).isEqualByComparingTo("0.01"); // min
    }

    @Test
    void aFeeNeverExceedsTheAmountItIsChargedOn() {
        FeeSplit s = FeeCalculator.split(OTC, d("0.004"), 6, true);
        assertThat(s.fee()).isEqualByComparingTo("0.004");
    }

    @Test
    void withoutABeneficiaryTheWholeFeeIsPlatformIncome() {
        FeeSplit s = FeeCalculator.split(OTC, d("100"), 6, false);
        assertThat(s.commission()).isEqualByComparingTo("0");
        assertThat(s.platformIncome()).isEqualByComparingTo("2");
    }

    @Test
    void theRoundingModeOfTheScheduleDecides() {
        FeeSchedule down = new FeeSchedule("USDT", "X", d("0.015"), BigDecimal.ZERO, BigDecimal.ZERO, null,
                BigDecimal.ZERO, RoundingMode.DOWN);
        FeeSchedule up = new FeeSchedule("USDT", "X", d("0.015"), BigDecimal.ZERO, BigDecimal.ZERO, null,
                BigDecimal.ZERO, RoundingMode.UP);
        // 1.5% of 0.000099 = 0.000001485
        assertThat(FeeCalculator.split(down, d("0.000099"), 6, false).fee()).isEqualByComparingTo("0.000001");
        assertThat(FeeCalculator.split(up, d("0.000099"), 6, false).fee()).isEqualByComparingTo("0.000002");
    }
}
