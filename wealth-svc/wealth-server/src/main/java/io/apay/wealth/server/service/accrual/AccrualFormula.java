package io.apay.wealth.server.service.accrual;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One day's reward of a principal (docs/wealth.md, "Accrual"), rounded down to the reward coin's scale: STAKING
 * {@code floor_s(principal × APR / 365)}, MINING {@code floor_s(principal × rewardRate)}. Used alike for one position
 * ({@code r}) and for the sum of a product's principals ({@code gross}), so {@code gross − Σ r} is the rounding.
 */
public record AccrualFormula(boolean staking, BigDecimal rate, int scale) {

    private static final BigDecimal DAYS_PER_YEAR = BigDecimal.valueOf(365);

    public static AccrualFormula of(String productType, BigDecimal rewardRate, int rewardScale) {
        return new AccrualFormula("STAKING".equals(productType), rewardRate, rewardScale);
    }

    public BigDecimal reward(BigDecimal principal) {
        BigDecimal exact = principal.multiply(rate);
        // dividing with an explicit scale and DOWN is the exact floor of the quotient (all amounts are >= 0)
        return staking ? exact.divide(DAYS_PER_YEAR, scale, RoundingMode.DOWN) : exact.setScale(scale, RoundingMode.DOWN);
    }
}
