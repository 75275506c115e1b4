package io.apay.wealth.server.controller.app.vo;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One day's reward of a position (UTC day), in the reward coin at its scale. */
public record AccrualView(LocalDate day, BigDecimal amount) {
}
