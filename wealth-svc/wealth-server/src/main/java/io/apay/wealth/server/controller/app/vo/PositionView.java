package io.apay.wealth.server.controller.app.vo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A user's position: {@code principal} in the lock coin, {@code accrued} (reward so far, through
 * {@code accruedThrough}), {@code rewardPaid} and {@code penalty} in the reward coin, each at its coin's scale. Days
 * are UTC: it accrues {@code startDay} .. {@code endDay} (fixed term; absent: flexible) and matures on
 * {@code maturityDay}. {@code failureCode} says why a FAILED subscription was refused.
 */
public record PositionView(long positionId, String requestNo, long productId, String productCode, String productName, String type,
                           String lockCoin, String rewardCoin, BigDecimal principal, BigDecimal accrued, LocalDate accruedThrough,
                           LocalDate startDay, LocalDate endDay, LocalDate maturityDay, String status, String redeemKind,
                           BigDecimal rewardPaid, BigDecimal penalty, Integer failureCode, Instant createdAt,
                           Instant redeemRequestedAt, Instant redeemedAt) {
}
