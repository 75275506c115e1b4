package io.apay.job.recon;

import static io.apay.job.recon.ReconWorld.NOW;
import static io.apay.job.recon.ReconWorld.OLD;
import static io.apay.job.recon.ReconWorld.RECENT;
import static io.apay.job.recon.ReconWorld.balance;
import static io.apay.job.recon.ReconWorld.inFlight;
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
        // the 0.2 ETH subscription under way for an hour: within its amount, but stuck, so nothing is excused
        w.replaceProduct(4, inFlight(product(4, "ETH-MINE", "ETH", "APAY", "5", "0", 2, OLD), "0.2", "0", "0", "0"));
        assertThat(found()).containsExactly(
                "STUCK_INTENT product:4: 2 intent(s) under way since " + OLD + " (grace PT10M): product ETH-MINE's oldest subscription,"
                        + " redemption or accrual run was never finished",
                "WEALTH product:4: PRODUCT:product-4:ETH:STAKED is 5.2, the positions' principal is 5 (ETH-MINE)");
        // a young intent excuses a difference either way (a redemption's coin already out of STAKED)
        w.replaceProduct(4, inFlight(product(4, "ETH-MINE", "ETH", "APAY", "5.5", "0", 1, RECENT), "0", "0.3", "0", "0"));
        assertThat(found()).isEmpty();
    }

    @Test
    void aDifferenceBeyondTheAmountsOfTheYoungIntentsIsFound() {
        // product 3 is busy: a 50 ms subscription of 0.2 is under way, but 10 USDT are missing from STAKED and 0.5 from
        // REWARD_PAYABLE, more than any intent under way can explain
        w.replaceProduct(3, inFlight(product(3, "USDT-FLEX", "USDT", "USDT", "1000", "2.5", 1, NOW.minusMillis(50)), "0.2", "0", "0", "0"));
        w.productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, "990"),
                balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2")));
        assertThat(found()).containsExactly("WEALTH product:3: PRODUCT:product-3:USDT:STAKED is 990, the positions' principal is 1000,"
                + " outside 1000 to 1000.2 that the intents under way allow (USDT-FLEX); PRODUCT:product-3:USDT:REWARD_PAYABLE is 2,"
                + " the rewards the positions accrued is 2.5 (USDT-FLEX)");
        // the same: one more smallest unit than every intent under way allows, either way
        w.replaceProduct(3, inFlight(product(3, "USDT-FLEX", "USDT", "USDT", "1000", "2.5", 2, RECENT), "0.2", "100", "0.4", "0.3"));
        w.productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, "1000.200001"),
                balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2.800001")));
        assertThat(found()).containsExactly("WEALTH product:3: PRODUCT:product-3:USDT:STAKED is 1000.200001, the positions' principal is 1000,"
                + " outside 900 to 1000.2 that the intents under way allow (USDT-FLEX); PRODUCT:product-3:USDT:REWARD_PAYABLE is 2.800001,"
                + " the rewards the positions accrued is 2.5, outside 2.1 to 2.8 that the intents under way allow (USDT-FLEX)");
        w.productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, "899.999999"),
                balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2.099999")));
        assertThat(found()).containsExactly("WEALTH product:3: PRODUCT:product-3:USDT:STAKED is 899.999999, the positions' principal is 1000,"
                + " outside 900 to 1000.2 that the intents under way allow (USDT-FLEX); PRODUCT:product-3:USDT:REWARD_PAYABLE is 2.099999,"
                + " the rewards the positions accrued is 2.5, outside 2.1 to 2.8 that the intents under way allow (USDT-FLEX)");
    }

    @Test
    void aDifferenceWithinTheAmountsOfTheYoungIntentsIsExcusedUpToItsBounds() {
        // a subscription of 0.2 and a redemption of 100 (reward 0.4) under way, and an accrual run of 0.3 calculated:
        // each may or may not be in the ledger yet, in any combination
        w.replaceProduct(3, inFlight(product(3, "USDT-FLEX", "USDT", "USDT", "1000", "2.5", 3, RECENT), "0.2", "100", "0.4", "0.3"));
        for (String[] ledger : new String[][] {{"1000", "2.5"}, {"900", "2.1"}, {"1000.2", "2.8"}, {"900.2", "2.4"}, {"1000.1", "2.2"}}) {
            w.productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, ledger[0]),
                    balance(3, "USDT", AccountKind.REWARD_PAYABLE, ledger[1])));
            assertThat(found()).as("STAKED %s, REWARD_PAYABLE %s", ledger[0], ledger[1]).isEmpty();
        }
    }

    @Test
    void anIntentThatStartedOrEndedWhileTheLedgerWasReadShowsInTheSecondReadAndIsAllowed() {
        // a subscription of 0.2 made entirely between the first read and the ledger's, and an accrual run of 0.1
        // calculated and sent in that time: only the second read knows them
        w.productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, "1000.2"),
                balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2.6")));
        assertThat(found()).as("the first read alone").containsExactly("WEALTH product:3: PRODUCT:product-3:USDT:STAKED is 1000.2, the"
                + " positions' principal is 1000 (USDT-FLEX); PRODUCT:product-3:USDT:REWARD_PAYABLE is 2.6, the rewards the positions accrued"
                + " is 2.5 (USDT-FLEX)");
        w.productsAfter = List.of(inFlight(product(3, "USDT-FLEX", "USDT", "USDT", "1000.2", "2.5", 1, NOW), "0", "0", "0", "0.1"),
                w.products.get(1));
        assertThat(found()).isEmpty();
        // a redemption of 100 (reward 0.5) asked and paid out in that time: REDEEMED in the second read
        w.productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, "900"),
                balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2")));
        w.productsAfter = List.of(product(3, "USDT-FLEX", "USDT", "USDT", "900", "2", 0, null), w.products.get(1));
        assertThat(found()).isEmpty();
        // but a hole beyond both reads is found
        w.productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, "899.9"),
                balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2")));
        assertThat(found()).containsExactly("WEALTH product:3: PRODUCT:product-3:USDT:STAKED is 899.9, the positions' principal is 1000,"
                + " outside 900 to 1000 that the intents under way allow (USDT-FLEX)");
        // and a stuck intent holds the product to its first read's figures
        w.replaceProduct(3, inFlight(product(3, "USDT-FLEX", "USDT", "USDT", "1000", "2.5", 1, OLD), "0", "100", "0.5", "0"));
        w.productBalances.put("product-3", List.of(balance(3, "USDT", AccountKind.STAKED, "900"),
                balance(3, "USDT", AccountKind.REWARD_PAYABLE, "2")));
        assertThat(found()).containsExactly(
                "STUCK_INTENT product:3: 1 intent(s) under way since " + OLD + " (grace PT10M): product USDT-FLEX's oldest subscription,"
                        + " redemption or accrual run was never finished",
                "WEALTH product:3: PRODUCT:product-3:USDT:STAKED is 900, the positions' principal is 1000 (USDT-FLEX);"
                        + " PRODUCT:product-3:USDT:REWARD_PAYABLE is 2, the rewards the positions accrued is 2.5 (USDT-FLEX)");
    }
}
