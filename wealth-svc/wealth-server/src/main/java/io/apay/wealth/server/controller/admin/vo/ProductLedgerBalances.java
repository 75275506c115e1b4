package io.apay.wealth.server.controller.admin.vo;

import java.math.BigDecimal;

/**
 * A product's ledger accounts (owner PRODUCT {@code product-<id>}): {@code staked} in the lock coin, the others in
 * the reward coin; 0 for an account not used yet.
 */
public record ProductLedgerBalances(String ledgerOwnerId, BigDecimal staked, BigDecimal rewardPool, BigDecimal rewardPayable,
                                    BigDecimal rounding) {
}
