package io.apay.ledger.api.enums;

import java.util.EnumSet;
import java.util.Set;

/**
 * What an account is for. The kind decides the overdraft rule ({@link #allowsNegative()}) and which owner types
 * may have it ({@link #allowedFor(OwnerType)}).
 */
public enum AccountKind {
    /** Spendable coin of a user, acceptor or merchant. Never negative. */
    AVAILABLE(false, EnumSet.of(OwnerType.USER, OwnerType.ACCEPTOR, OwnerType.MERCHANT)),
    /** Coin frozen by open holds (purpose FREEZE). Equals the sum of its open holds. Never negative. */
    FROZEN(false, EnumSet.of(OwnerType.USER, OwnerType.ACCEPTOR, OwnerType.MERCHANT)),
    /** An acceptor's margin deposit, held by open holds (purpose MARGIN). Never negative. */
    MARGIN(false, EnumSet.of(OwnerType.ACCEPTOR)),
    /** The platform's fee income. Never negative. */
    FEE_INCOME(false, EnumSet.of(OwnerType.PLATFORM)),
    /** Where fee rounding remainders go, so they never vanish. Never negative. */
    ROUNDING(false, EnumSet.of(OwnerType.PLATFORM, OwnerType.PRODUCT)),
    /** Source of operator credits and adjustments. May go negative: it is the other side of coin put in by hand. */
    FUNDING(true, EnumSet.of(OwnerType.PLATFORM)),
    /** Other side of on-chain deposits credited to users. May go negative. */
    DEPOSIT_CLEARING(true, EnumSet.of(OwnerType.PLATFORM)),
    /** Other side of withdrawals sent on chain. May go negative. */
    WITHDRAWAL_CLEARING(true, EnumSet.of(OwnerType.PLATFORM)),
    /** Principal users locked in a wealth product: equals the product's open positions. Never negative. */
    STAKED(false, EnumSet.of(OwnerType.PRODUCT)),
    /** A wealth product's reward budget, funded by operators; accrual stops rather than overdraw it. Never negative. */
    REWARD_POOL(false, EnumSet.of(OwnerType.PRODUCT)),
    /** Rewards accrued to a product's open positions and not yet paid out (paid on redemption). Never negative. */
    REWARD_PAYABLE(false, EnumSet.of(OwnerType.PRODUCT));

    private final boolean allowsNegative;
    private final Set<OwnerType> owners;

    AccountKind(boolean allowsNegative, Set<OwnerType> owners) {
        this.allowsNegative = allowsNegative;
        this.owners = owners;
    }

    public boolean allowsNegative() {
        return allowsNegative;
    }

    public boolean allowedFor(OwnerType ownerType) {
        return owners.contains(ownerType);
    }

    /** Frozen and margin balances must equal their open holds, so only hold operations may move them. */
    public boolean heldOnly() {
        return this == FROZEN || this == MARGIN;
    }
}
