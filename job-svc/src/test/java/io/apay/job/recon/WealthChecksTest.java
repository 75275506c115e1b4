package io.apay.job.recon;

import static io.apay.job.recon.ReconWorld.OLD;
import static io.apay.job.recon.ReconWorld.RECENT;
import static io.apay.job.recon.ReconWorld.balance;
import static io.apay.job.recon.ReconWorld.product;
import static org.assertj.core.api.Assertions.assertThat;

import io.apay.ledger.api.enums.AccountKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** WEALTH and wealth-svc's STUCK_INTENT, clean and broken, on the wealth part of {@link ReconWorld}. */
class WealthChecksTest {

    final ReconWorld w = new ReconWorld();

    List<String> found() {
        return w.check().stream().map(d -> d.check() + " " + d.subject() + ": " + d.detail()).toList();
    }

    @Test
    void consistentProductsHaveNoDiscrepancyAndAnUnreadWealthIsNotChecked() {
        assertThat(found()).isEmpty();
        w.productBalances.clear(); // would be WEALTH discrepancies, but wealth-svc was not read
        w.wealthRead = false;
        assertThat(found()).isEmpty();
    }

    @Test
    void stakedDifferentFromThePrincipalIsFound() {
        w.productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, "990"),
                balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2.5")));
        assertThat(found()).containsExactly(
                "WEALTH product:3: PRODUCT:product-3:USDT:STAKED is 990, the positions' principal is 1000 (USDT-FLEX)");
    }

    @Test
    void rewardPayableDifferentFromTheRewardsOwedIsFoundAndAnAccountNeverUsedCountsAsZero() {
        w.productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, "1000"),
                balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2.4")));
        w.replaceProduct(4, product(4, "ETH-MINE", "ETH", "APAY", "5", "0.1", 0, null));
        w.productBalances.put("product-4", List.of(balance(4, "ETH", AccountKind.STAKED, "5")));
        assertThat(found()).containsExactly(
                "WEALTH product:3: PRODUCT:product-3:USDT:REWARD_PAYABLE is 2.4, the rewards the positions accrued is 2.5 (USDT-FLEX)",
                "WEALTH product:4: PRODUCT:product-4:APAY:REWARD_PAYABLE is 0, the rewards the positions accrued is 0.1 (ETH-MINE)");
    }

    @Test
    void theRewardCoinsAccountIsCompared() {
        // a MINING product earns APAY: an APAY REWARD_PAYABLE is the one that counts, not one in the locked coin
        w.replaceProduct(4, product(4, "ETH-MINE", "ETH", "APAY", "5", "3", 0, null));
        w.productBalances.put("product-4", List.of(balance(4, "ETH", AccountKind.STAKED, "5"), balance(4, "ETH", AccountKind.REWARD_PAYABLE, "3"),
                balance(4, "APAY", AccountKind.REWARD_PAYABLE, "3")));
        assertThat(found()).isEmpty();
        w.productBalances.put("product-4", List.of(balance(4, "ETH", AccountKind.STAKED, "5"), balance(4, "ETH", AccountKind.REWARD_PAYABLE, "3")));
        assertThat(found()).containsExactly(
                "WEALTH product:4: PRODUCT:product-4:APAY:REWARD_PAYABLE is 0, the rewards the positions accrued is 3 (ETH-MINE)");
    }

    @Test
    void aDifferenceWithoutAnIntentUnderWayIsFound() {
        // product 4's 0.2 ETH in the ledger is excused only by its subscription under way
        w.replaceProduct(4, product(4, "ETH-MINE", "ETH", "APAY", "5", "0", 0, null));
        assertThat(found()).containsExactly(
                "WEALTH product:4: PRODUCT:product-4:ETH:STAKED is 5.2, the positions' principal is 5 (ETH-MINE)");
    }

    @Test
    void anIntentOlderThanTheGraceIsStuckAndExcusesNothing() {
        w.replaceProduct(4, product(4, "ETH-MINE", "ETH", "APAY", "5", "0", 2, OLD));
        assertThat(found()).containsExactly(
                "STUCK_INTENT product:4: 2 intent(s) under way since " + OLD + " (grace PT10M): product ETH-MINE's oldest subscription,"
                        + " redemption or accrual run was never finished",
                "WEALTH product:4: PRODUCT:product-4:ETH:STAKED is 5.2, the positions' principal is 5 (ETH-MINE)");
        // a young intent excuses a difference either way (a redemption's coin already out of STAKED)
        w.replaceProduct(4, product(4, "ETH-MINE", "ETH", "APAY", "5.5", "0", 1, RECENT));
        assertThat(found()).isEmpty();
    }
}
