package io.apay.ledger.server.service.fee;

import java.math.BigDecimal;

/** A fee and where it goes: {@code fee = commission + platformIncome + roundingRemainder}, all at the coin's scale. */
public record FeeSplit(BigDecimal fee, BigDecimal commission, BigDecimal platformIncome, BigDecimal roundingRemainder) {

    public static FeeSplit none(int scale) {
        BigDecimal zero = BigDecimal.ZERO.setScale(scale);
        return new FeeSplit(zero, zero, zero, zero);
    }
}
