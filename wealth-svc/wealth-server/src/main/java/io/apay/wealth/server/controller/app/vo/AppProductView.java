package io.apay.wealth.server.controller.app.vo;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A product on sale, as the app shows it: its terms, {@code remainingQuota} (what all users may still subscribe) and
 * {@code yourAllowance} (what this user may still add: maxPerUser minus their positions not ended), amounts at the
 * lock coin's scale. {@code rewardRate}: STAKING the APR as a fraction, MINING reward coin per locked unit per day.
 */
public record AppProductView(long productId, String code, String name, String type, String lockCoin, String rewardCoin,
                             Integer termDays, BigDecimal rewardRate, BigDecimal minAmount, BigDecimal maxPerUser,
                             BigDecimal remainingQuota, BigDecimal yourAllowance, Instant saleStart, Instant saleEnd,
                             boolean earlyRedeem, BigDecimal earlyPenaltyShare) {
}
