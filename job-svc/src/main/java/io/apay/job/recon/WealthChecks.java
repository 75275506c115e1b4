package io.apay.job.recon;

import static io.apay.job.recon.ReconChecker.WEALTH;
import static io.apay.job.recon.ReconChecker.plain;

import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.wealth.api.dto.ProductBalances;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * WEALTH (and the STUCK_INTENT of wealth-svc's intents): each product's ledger accounts against wealth-svc's
 * positions. {@code PRODUCT:<ledgerOwnerId>:<lockCoin>:STAKED} holds the principal of the positions that hold coin,
 * {@code PRODUCT:<ledgerOwnerId>:<rewardCoin>:REWARD_PAYABLE} what they accrued and were not paid.
 *
 * <p>An intent under way (a subscription, redemption or accrual run between its local and its ledger step) may have
 * moved its amount in the ledger already or not, so each account must lie within the in-flight amounts of
 * {@link ProductBalances}: STAKED in [principal − redeemingPrincipal, principal + subscribing], REWARD_PAYABLE in
 * [rewardsOwed − redeemingRewards, rewardsOwed + calculatedRewards]. wealth-svc is read before and after the ledger,
 * and a balance within either read's interval (or between them) is allowed: that covers an intent that started or
 * ended while the ledger was read. Outside is a discrepancy whatever is under way (an in-flight 50 ms subscription does
 * not hide an unrelated difference). An intent older than the grace is itself a STUCK_INTENT, and then the product is
 * held to its exact figures of the first read.
 */
final class WealthChecks {

    static final String PRODUCT_REF = "product:";

    private final ReconChecker.Pass pass;
    private final WealthReconInput in;
    private final Map<Long, ProductBalances> readAfter;

    WealthChecks(ReconChecker.Pass pass) {
        this.pass = pass;
        this.in = pass.in.wealth();
        this.readAfter = in.productsAfter() == null ? Map.of()
                : in.productsAfter().stream().collect(Collectors.toMap(ProductBalances::productId, Function.identity(), (a, b) -> a));
    }

    void run() {
        in.products().forEach(this::product);
    }

    private void product(ProductBalances p) {
        String subject = PRODUCT_REF + p.productId();
        boolean stuck = p.intentsUnderWay() > 0 && pass.older(p.oldestIntentAt(), pass.grace);
        if (stuck) {
            pass.stuck(subject, p.intentsUnderWay() + " intent(s) under way", p.oldestIntentAt(),
                    "product " + p.code() + "'s oldest subscription, redemption or accrual run was never finished");
        }
        ProductBalances after = readAfter.get(p.productId());
        Allowed staked = stuck ? Allowed.exactly(orZero(p.principal())) : staked(p).spanning(after == null ? null : staked(after));
        Allowed payable = stuck ? Allowed.exactly(orZero(p.rewardsOwed())) : payable(p).spanning(after == null ? null : payable(after));
        List<BalanceView> accounts = in.balances().getOrDefault(p.ledgerOwnerId(), List.of());
        List<String> problems = new ArrayList<>();
        compare(accounts, p, p.lockCoin(), AccountKind.STAKED, orZero(p.principal()), "the positions' principal", staked, problems);
        compare(accounts, p, p.rewardCoin(), AccountKind.REWARD_PAYABLE, orZero(p.rewardsOwed()), "the rewards the positions accrued", payable,
                problems);
        pass.addAll(WEALTH, subject, problems);
    }

    /** STAKED holds the principal, plus the subscriptions under way already moved, less the redemptions already paid. */
    private static Allowed staked(ProductBalances p) {
        BigDecimal principal = orZero(p.principal());
        return new Allowed(principal.subtract(orZero(p.redeemingPrincipal())), principal.add(orZero(p.subscribing())));
    }

    /** REWARD_PAYABLE holds the rewards owed, plus the calculated runs already moved, less the redemptions already paid. */
    private static Allowed payable(ProductBalances p) {
        BigDecimal owed = orZero(p.rewardsOwed());
        return new Allowed(owed.subtract(orZero(p.redeemingRewards())), owed.add(orZero(p.calculatedRewards())));
    }

    /** The balances an account may hold, bounds included. */
    private record Allowed(BigDecimal low, BigDecimal high) {
        static Allowed exactly(BigDecimal value) {
            return new Allowed(value, value);
        }

        /** From the lower of the two lows to the higher of the two highs (null: this one alone). */
        Allowed spanning(Allowed other) {
            return other == null ? this : new Allowed(low.min(other.low), high.max(other.high));
        }

        boolean allows(BigDecimal balance) {
            return balance.compareTo(low) >= 0 && balance.compareTo(high) <= 0;
        }
    }

    private static void compare(List<BalanceView> accounts, ProductBalances p, String coin, AccountKind kind, BigDecimal expected,
                                String what, Allowed allowed, List<String> problems) {
        BigDecimal balance = balance(accounts, p.ledgerOwnerId(), coin, kind);
        if (allowed.allows(balance)) {
            return;
        }
        boolean exact = allowed.low().compareTo(expected) == 0 && allowed.high().compareTo(expected) == 0;
        problems.add("PRODUCT:" + p.ledgerOwnerId() + ":" + coin + ":" + kind + " is " + plain(balance) + ", " + what + " is " + plain(expected)
                + (exact ? "" : ", outside " + plain(allowed.low()) + " to " + plain(allowed.high()) + " that the intents under way allow")
                + " (" + p.code() + ")");
    }

    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }

    /** An account the ledger does not list was never used: its balance is 0. */
    private static BigDecimal balance(List<BalanceView> accounts, String ownerId, String coin, AccountKind kind) {
        return accounts.stream()
                .filter(b -> b.ownerType() == OwnerType.PRODUCT && Objects.equals(b.ownerId(), ownerId) && Objects.equals(b.coin(), coin)
                        && b.kind() == kind)
                .map(BalanceView::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
