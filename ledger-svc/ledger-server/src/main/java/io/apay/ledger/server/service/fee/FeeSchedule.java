package io.apay.ledger.server.service.fee;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One fee schedule (see {@code ledger_fee_schedule}); {@code maxFee} null means no maximum. */
public record FeeSchedule(String coin, String bizType, BigDecimal rate, BigDecimal fixedFee, BigDecimal minFee,
                          BigDecimal maxFee, BigDecimal commissionShare, RoundingMode roundingMode) {
}
