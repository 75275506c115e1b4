package io.apay.ledger.api.dto;

import java.math.BigDecimal;

/**
 * A fee schedule of one coin and business type: {@code fee = clamp(amount * rate + fixed, min, max)}, rounded to
 * the coin's scale with {@code roundingMode}; the commission share of the fee goes to the commission beneficiary.
 * {@code maxFee} null means no maximum.
 */
public record FeeScheduleView(
        String coin,
        String bizType,
        BigDecimal rate,
        BigDecimal fixedFee,
        BigDecimal minFee,
        BigDecimal maxFee,
        BigDecimal commissionShare,
        String roundingMode) {
}
