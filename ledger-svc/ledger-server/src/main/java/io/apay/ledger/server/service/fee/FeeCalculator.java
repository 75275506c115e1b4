package io.apay.ledger.server.service.fee;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The fee rule, in one place. On an amount at the coin's scale:
 * <ol>
 *   <li>{@code raw = amount * rate + fixedFee}, exact;</li>
 *   <li>clamped to {@code [minFee, maxFee]};</li>
 *   <li>{@code fee} = raw rounded to the coin's scale with the schedule's rounding mode, and never more than the
 *       amount it is charged on;</li>
 *   <li>{@code commission = fee * commissionShare} and {@code platformIncome = fee * (1 - commissionShare)}, each
 *       rounded DOWN to the coin's scale (nobody is paid a fraction that does not exist);</li>
 *   <li>{@code roundingRemainder = fee - commission - platformIncome} (0 or one smallest unit) goes to the
 *       platform's ROUNDING account, so nothing vanishes.</li>
 * </ol>
 * Without a commission beneficiary the whole fee is platform income.
 */
public final class FeeCalculator {

    private FeeCalculator() {
    }

    public static FeeSplit split(FeeSchedule schedule, BigDecimal amount, int scale, boolean withCommission) {
        BigDecimal raw = amount.multiply(schedule.rate()).add(schedule.fixedFee());
        if (raw.compareTo(schedule.minFee()) < 0) {
            raw = schedule.minFee();
        }
        if (schedule.maxFee() != null && raw.compareTo(schedule.maxFee()) > 0) {
            raw = schedule.maxFee();
        }
        BigDecimal fee = raw.setScale(scale, schedule.roundingMode());
        if (fee.compareTo(amount) > 0) {
            fee = amount.setScale(scale, RoundingMode.UNNECESSARY);
        }
        BigDecimal share = withCommission ? schedule.commissionShare() : BigDecimal.ZERO;
        BigDecimal commission = fee.multiply(share).setScale(scale, RoundingMode.DOWN);
        BigDecimal platformIncome = fee.multiply(BigDecimal.ONE.subtract(share)).setScale(scale, RoundingMode.DOWN);
        BigDecimal remainder = fee.subtract(commission).subtract(platformIncome);
        return new FeeSplit(fee, commission, platformIncome, remainder);
    }
}
