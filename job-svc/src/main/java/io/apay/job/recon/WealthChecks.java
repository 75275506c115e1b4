package io.apay.job.recon;

import static io.apay.job.recon.ReconChecker.STUCK_INTENT;
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
 * {@code PRODUCT:<ledgerOwnerId>:<rewardCoin>:REWARD_PAYABLE} what they accrued and were not paid. While a product
 * has an intent under way (a subscription, redemption or accrual run between its local and its ledger step) the two
 * may differ for a moment: a difference is excused while its oldest intent is younger than the grace; an older
 * intent is itself a discrepancy, and then no longer excuses a difference.
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
        boolean stuck = p.intentsUnderWay() > 0 && pass.older(p.oldestIntentAt(), pass.grace);
        if (stuck) {
            pass.stuck(subject, p.intentsUnderWay() + " intent(s) under way", p.oldestIntentAt(),
                    "product " + p.code() + "'s oldest subscription, redemption or accrual run was never finished");
        }
        if (p.intentsUnderWay() > 0 && !stuck) {
            return; // in flight: the ledger step and the local one may be on either side of the reads
        }
        List<BalanceView> accounts = in.balances().getOrDefault(p.ledgerOwnerId(), List.of());
        List<String> problems = new ArrayList<>();
        compare(accounts, p, p.lockCoin(), AccountKind.STAKED, p.principal(), "the positions' principal", problems);
        compare(accounts, p, p.rewardCoin(), AccountKind.REWARD_PAYABLE, p.rewardsOwed(), "the rewards the positions accrued", problems);
        pass.addAll(WEALTH, subject, problems);
    }

    private static void compare(List<BalanceView> accounts, ProductBalances p, String coin, AccountKind kind, BigDecimal expected,
                                String what, List<String> problems) {
        BigDecimal balance = balance(accounts, p.ledgerOwnerId(), coin, kind);
        BigDecimal should = expected == null ? BigDecimal.ZERO : expected;
        if (balance.compareTo(should) != 0) {
            problems.add("PRODUCT:" + p.ledgerOwnerId() + ":" + coin + ":" + kind + " is " + plain(balance) + ", " + what + " is "
                    + plain(should) + " (" + p.code() + ")");
        }
    }

    /** An account the ledger does not list was never used: its balance is 0. */
    private static BigDecimal balance(List<BalanceView> accounts, String ownerId, String coin, AccountKind kind) {
        return accounts.stream()
                .filter(b -> b.ownerType() == OwnerType.PRODUCT && Objects.equals(b.ownerId(), ownerId) && Objects.equals(b.coin(), coin)
                        && b.kind() == kind)
                .map(BalanceView::balance).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
