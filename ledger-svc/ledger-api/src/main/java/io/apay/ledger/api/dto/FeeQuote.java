package io.apay.ledger.api.dto;

import java.math.BigDecimal;

/**
 * The fee on {@code amount} and how it is split: {@code fee = commission + platformIncome + roundingRemainder};
 * the payee receives {@code net = amount - fee}.
 */
public record FeeQuote(
        String coin,
        String bizType,
        BigDecimal amount,
        BigDecimal fee,
        BigDecimal commission,
        BigDecimal platformIncome,
        BigDecimal roundingRemainder,
        BigDecimal net) {
}
