package io.apay.wealth.server.service.redemption;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A position's redemption as the app sees it: {@code status} REDEEMING (under way: the recovery finishes it) or
 * REDEEMED; {@code principal} (lock coin) and {@code rewardPaid} (reward coin) are what the owner gets back, the
 * {@code penalty} what an early redemption forfeited (null while the amounts are not fixed yet).
 */
public record RedemptionView(long positionId, long productId, String status, String kind, String lockCoin, BigDecimal principal,
                             String rewardCoin, BigDecimal accrued, BigDecimal rewardPaid, BigDecimal penalty, Long redeemTxnId,
                             Instant requestedAt, Instant redeemedAt) {
}
