package io.apay.wealth.server.controller.admin.vo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A product as operators see it: its definition (amounts at the lock coin's scale), status, how much is locked, its
 * accrual state, and (for one product) its ledger accounts; {@code balances} is absent in lists and when the ledger
 * did not answer.
 */
public record ProductView(long id, String code, String name, String type, String lockCoin, String rewardCoin, Integer termDays,
                          BigDecimal rewardRate, BigDecimal minAmount, BigDecimal maxPerUser, BigDecimal totalQuota,
                          BigDecimal locked, Instant saleStart, Instant saleEnd, boolean earlyRedeem, BigDecimal earlyPenaltyShare,
                          String status, LocalDate accruedThrough, Integer accrualStalledCode, Instant accrualStalledAt,
                          Instant createdAt, Instant updatedAt, ProductLedgerBalances balances) {
}
