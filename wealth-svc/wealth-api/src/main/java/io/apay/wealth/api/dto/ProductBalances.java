package io.apay.wealth.api.dto;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One product as wealth-svc sees it, for the reconciliation against the ledger: {@code principal} is the sum of the
 * positions whose coin is in the product (OPEN and REDEEMING), which must equal the balance of
 * {@code PRODUCT:<ledgerOwnerId>:<lockCoin>:STAKED}; {@code rewardsOwed} is what those positions accrued, which must
 * equal {@code PRODUCT:<ledgerOwnerId>:<rewardCoin>:REWARD_PAYABLE}. While {@code intentsUnderWay} > 0 (a
 * subscription, redemption or accrual run between its local and its ledger step) the two may differ for a moment;
 * {@code oldestIntentAt} says since when.
 */
public record ProductBalances(long productId, String code, String ledgerOwnerId, String lockCoin, String rewardCoin,
                              BigDecimal principal, BigDecimal rewardsOwed, int intentsUnderWay, Instant oldestIntentAt) {

    /** The ledger owner id of a product's accounts (owner type PRODUCT). */
    public static String ledgerOwnerId(long productId) {
        return "product-" + productId;
    }
}
