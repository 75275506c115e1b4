package io.apay.wealth.api.dto;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One product as wealth-svc sees it, for the reconciliation against the ledger (docs/reconciliation.md), read in one
 * snapshot. Amounts are plain numbers (no trailing zeros); 0 when there is nothing.
 *
 * <p>Settled: {@code principal} is Σ amount of the positions whose coin is in the product by wealth-svc's books
 * ({@code OPEN} and {@code REDEEMING}); {@code rewardsOwed} is Σ accrued of those same positions.
 *
 * <p>In flight, each an intent whose ledger step may or may not be applied yet:
 * <ul>
 *   <li>{@code subscribing}: Σ amount of the {@code SUBSCRIBING} positions (not in {@code principal}; the ledger
 *       may already hold them in STAKED);</li>
 *   <li>{@code redeemingPrincipal}: Σ amount of the {@code REDEEMING} positions (in {@code principal}; the ledger may
 *       already have paid them out of STAKED);</li>
 *   <li>{@code redeemingRewards}: Σ over the {@code REDEEMING} positions of what their redemption takes out of
 *       REWARD_PAYABLE, {@code rewardPaid + penalty} once fixed, else {@code accrued} (in {@code rewardsOwed}; the ledger
 *       may already have moved it);</li>
 *   <li>{@code calculatedRewards}: Σ paid of the {@code CALCULATED} accrual runs (not in {@code rewardsOwed}; the
 *       ledger may already hold them in REWARD_PAYABLE).</li>
 * </ul>
 *
 * <p>So {@code PRODUCT:<ledgerOwnerId>:<lockCoin>:STAKED} must lie in
 * [{@code principal − redeemingPrincipal}, {@code principal + subscribing}] and
 * {@code PRODUCT:<ledgerOwnerId>:<rewardCoin>:REWARD_PAYABLE} in
 * [{@code rewardsOwed − redeemingRewards}, {@code rewardsOwed + calculatedRewards}]; with no intent under way both
 * intervals are a single value. {@code intentsUnderWay} counts those intents and the {@code PENDING} fundings (which
 * touch neither account); {@code oldestIntentAt} is when the oldest of them started (null when there is none).
 */
public record ProductBalances(long productId, String code, String ledgerOwnerId, String lockCoin, String rewardCoin,
                              BigDecimal principal, BigDecimal rewardsOwed, BigDecimal subscribing, BigDecimal redeemingPrincipal,
                              BigDecimal redeemingRewards, BigDecimal calculatedRewards, int intentsUnderWay, Instant oldestIntentAt) {

    /** The ledger owner id of a product's accounts (owner type PRODUCT). */
    public static String ledgerOwnerId(long productId) {
        return "product-" + productId;
    }
}
