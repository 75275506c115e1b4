package io.apay.wealth.server.controller.admin.vo;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day's reward of a position (UTC day), in the reward coin at its scale, with the accrual run that paid it (its
 * ledger transaction has the key {@code wealth:accrual:<runId>}).
 */
public record AdminAccrualView(LocalDate day, BigDecimal amount, long runId) {
}
