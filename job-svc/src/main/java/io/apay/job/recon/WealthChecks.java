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
import java.util.Objects;

/**
 * WEALTH (and the STUCK_INTENT of wealth-svc's intents): each product's ledger accounts against wealth-svc's
 * positions. {@code PRODUCT:<ledgerOwnerId>:<lockCoin>:STAKED} holds the principal of the positions that hold coin,
 * {@code PRODUCT:<ledgerOwnerId>:<rewardCoin>:REWARD_PAYABLE} what they accrued and were not paid.
 *
 * <p>An intent under way (a subscription, redemption or accrual run between its local and its ledger step) may have
 * moved its amount in the ledger already or not, so each account must lie within the in-flight amounts of
 * {@link ProductBalances}: STAKED in [principal − redeemingPrincipal, principal + subscribing], REWARD_PAYABLE in
 * [rewardsOwed − redeemingRewards, rewardsOwed + calculatedRewards]. Outside is a discrepancy whatever is under way
 * (an in-flight 50 ms subscription does not hide an unrelated difference). Inside but not equal is excused while the
 * oldest intent is younger than the grace; an older intent is itself a STUCK_INTENT and then excuses nothing.
 */
final class WealthChecks {

    static final String PRODUCT_REF = "product:";

    private final ReconChecker.Pass pass;
    private final WealthReconInput in;

    WealthChecks(ReconChecker.Pass pass) {
        this.pass = pass;
        this.in = pass.in.wealth();
    }

    void run() {
        in.products().forEach(this::product);
    }

    private void product(ProductBalances p) {
        String subject = PRODUCT_REF + p.productId();
        boolean underWay = p.intentsUnderWay() > 0;
        boolean stuck = underWay && pass.older(p.oldestIntentAt(), pass.grace);
        if (stuck) {
            pass.stuck(subject, p.intentsUnderWay() + " intent(s) under way", p.oldestIntentAt(),
                    "product " + p.code() + "'s oldest subscription, redemption or accrual run was never finished");
        }
        // young intents excuse a difference within their amounts; none, or a stuck one, excuse nothing
        boolean inFlightExcuses = underWay && !stuck;
        List<BalanceView> accounts = in.balances().getOrDefault(p.ledgerOwnerId(), List.of());
        List<String> problems = new ArrayList<>();
        BigDecimal principal = orZero(p.principal());
        BigDecimal redeemingPrincipal = orZero(p.redeemingPrincipal());
        BigDecimal subscribing = orZero(p.subscribing());
        compare(accounts, p, p.lockCoin(), AccountKind.STAKED, principal, "the positions' principal", !inFlightExcuses ? null
                : new InFlight(principal.subtract(redeemingPrincipal), principal.add(subscribing),
                        "redeeming " + plain(redeemingPrincipal) + ", subscribing " + plain(subscribing)), problems);
        BigDecimal owed = orZero(p.rewardsOwed());
        BigDecimal redeemingRewards = orZero(p.redeemingRewards());
        BigDecimal calculatedRewards = orZero(p.calculatedRewards());
        compare(accounts, p, p.rewardCoin(), AccountKind.REWARD_PAYABLE, owed, "the rewards the positions accrued", !inFlightExcuses ? null
                : new InFlight(owed.subtract(redeemingRewards), owed.add(calculatedRewards),
                        "redeeming " + plain(redeemingRewards) + ", accrual runs calculated " + plain(calculatedRewards)), problems);
        pass.addAll(WEALTH, subject, problems);
    }

    /** The values an account may hold while young intents are under way (bounds included), and what they are. */
    private record InFlight(BigDecimal low, BigDecimal high, String amounts) {
        boolean allows(BigDecimal balance) {
            return balance.compareTo(low) >= 0 && balance.compareTo(high) <= 0;
        }
    }

    /** A balance that is not {@code expected} is a problem, unless {@code inFlight} (null: it excuses nothing) allows it. */
    private static void compare(List<BalanceView> accounts, ProductBalances p, String coin, AccountKind kind, BigDecimal expected,
                                String what, InFlight inFlight, List<String> problems) {
        BigDecimal balance = balance(accounts, p.ledgerOwnerId(), coin, kind);
        if (balance.compareTo(expected) == 0 || (inFlight != null && inFlight.allows(balance))) {
            return;
        }
        String beyond = inFlight == null ? ""
                : ", beyond the intents under way (" + inFlight.amounts() + ": " + plain(inFlight.low()) + " to " + plain(inFlight.high()) + ")";
        problems.add("PRODUCT:" + p.ledgerOwnerId() + ":" + coin + ":" + kind + " is " + plain(balance) + ", " + what + " is " + plain(expected)
                + beyond + " (" + p.code() + ")");
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
