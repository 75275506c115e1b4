package io.apay.wallet.server.controller.app.vo;

import java.math.BigDecimal;

/**
 * What a withdrawal of {@code amount} would cost and need: {@code total} = amount + fee is held; the limits left
 * today; whether an SMS code is needed and whether an operator will review it.
 */
public record WithdrawalQuote(String network, String coin, BigDecimal amount, BigDecimal fee, BigDecimal total,
                              BigDecimal minAmount, BigDecimal dailyLimit, BigDecimal dailyLimitLeft,
                              boolean smsRequired, boolean reviewRequired) {
}
