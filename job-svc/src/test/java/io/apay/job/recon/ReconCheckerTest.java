package io.apay.job.recon;

import static io.apay.job.recon.ReconWorld.OLD;
import static io.apay.job.recon.ReconWorld.RECENT;
import static io.apay.job.recon.ReconWorld.ad;
import static io.apay.job.recon.ReconWorld.acceptor;
import static io.apay.job.recon.ReconWorld.hold;
import static io.apay.job.recon.ReconWorld.order;
import static io.apay.job.recon.ReconWorld.settlement;
import static org.assertj.core.api.Assertions.assertThat;

import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.otc.api.dto.recon.AcceptorSnapshot;
import io.apay.otc.api.enums.AcceptorStatus;
import io.apay.otc.api.enums.AdStatus;
import io.apay.otc.api.enums.OrderStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every check of the cross-service reconciliation, clean and broken, on {@link ReconWorld}. */
class ReconCheckerTest {

    final ReconWorld w = new ReconWorld();

    /** Exactly one discrepancy, of this check and subject; answers its detail. */
    String only(String check, String subject) {
        List<Discrepancy> found = w.check();
        assertThat(found).as(found.toString()).hasSize(1);
        assertThat(found.get(0).check()).isEqualTo(check);
        assertThat(found.get(0).subject()).isEqualTo(subject);
        return found.get(0).detail();
    }

    void clean() {
        assertThat(w.check()).isEmpty();
    }

    @Test
    void aConsistentWorldHasNoDiscrepancy() {
        clean();
    }

    @Nested
    class AdHold {

        @Test
        void remainingMustBeAvailablePlusOpenOrders() {
            w.replaceAd(42, ad(42, AdStatus.ACTIVE, 2L, "310", "150", 2, OLD));
            assertThat(only("AD_HOLD", "ad:42")).contains("hold 2 remaining 450 != available 310 + open orders 150 (2) = 460");
        }

        @Test
        void aPausedAdIsCheckedLikeAnActiveOne() {
            w.replaceAd(42, ad(42, AdStatus.PAUSED, 2L, "300", "150", 2, OLD));
            clean();
            w.replaceOpenHold(2, hold(2, "ad:42", HoldPurpose.FREEZE, HoldStatus.OPEN, "500", "449.999999", OLD));
            assertThat(only("AD_HOLD", "ad:42")).contains("remaining 449.999999 != available 300 + open orders 150 (2) = 450");
        }

        @Test
        void anActiveAdsHoldMustBeOpen() {
            w.removeOpenHold(2);
            w.otherHolds.put(2L, hold(2, "ad:42", HoldPurpose.FREEZE, HoldStatus.RELEASED, "500", "0", OLD));
            assertThat(only("AD_HOLD", "ad:42")).isEqualTo("ACTIVE ad's hold 2 is RELEASED, expected OPEN with 450");
        }

        @Test
        void anActiveAdsHoldMustExist() {
            w.removeOpenHold(2);
            assertThat(only("AD_HOLD", "ad:42")).isEqualTo("ACTIVE ad's hold 2 is not in the ledger");
        }

        @Test
        void anActiveAdMustHaveAHoldId() {
            w.replaceAd(42, ad(42, AdStatus.ACTIVE, null, "300", "150", 2, OLD));
            List<Discrepancy> found = w.check();
            // and the ledger's hold 2 now belongs to nobody otc knows
            assertThat(found).extracting(Discrepancy::key).containsExactly("AD_HOLD ad:42", "ORPHAN_HOLD hold:2");
            assertThat(found.get(0).detail()).isEqualTo("ACTIVE ad has no hold id");
        }

        @Test
        void theHoldMustBeTheAdsOwn() {
            w.replaceOpenHold(2, new HoldView(2, io.apay.ledger.api.enums.OwnerType.ACCEPTOR, "8", "BTC", HoldPurpose.MARGIN,
                    HoldStatus.OPEN, ReconWorld.bd("500"), ReconWorld.bd("450"), ReconWorld.bd("50"), ReconWorld.bd("0"), 1, "ad:41", OLD, OLD));
            assertThat(only("AD_HOLD", "ad:42")).contains("belongs to ACCEPTOR 8, not ACCEPTOR 7").contains("is a MARGIN hold, not FREEZE")
                    .contains("has biz ref ad:41, not ad:42").contains("is in BTC, the ad in USDT");
        }

        @Test
        void aClosedOrFailedAdHoldsNothing() {
            w.openHolds.add(hold(3, "ad:43", HoldPurpose.FREEZE, HoldStatus.OPEN, "100", "100", OLD));
            assertThat(only("AD_HOLD", "ad:43")).isEqualTo("CLOSED ad's hold 3 is still OPEN with 100 USDT");
            w.replaceAd(43, ad(43, AdStatus.FAILED, 3L, "0", "0", 0, OLD));
            assertThat(only("AD_HOLD", "ad:43")).isEqualTo("FAILED ad's hold 3 is still OPEN with 100 USDT");
        }

        @Test
        void aSettlementOfAnOrderOtcHasNotCompletedYetIsInFlight() {
            // the ledger settled P1 out of hold 2; otc has not moved P1 to COMPLETED yet
            w.transactions.add(settlement(101, "P1", 2, "100", "99", "1"));
            w.replaceOpenHold(2, hold(2, "ad:42", HoldPurpose.FREEZE, HoldStatus.OPEN, "500", "350", OLD));
            clean();
            // ... but not forever
            w.replaceOrder("P1", order(3, "P1", OrderStatus.PAID, "100", null, null, null, OLD));
            assertThat(only("STUCK_INTENT", "order:P1")).contains("PAID since").contains("settled in txn 101 but the order was never completed");
        }

        @Test
        void aSoldOutAdsSettledHoldIsFine() {
            w.replaceAd(42, ad(42, AdStatus.ACTIVE, 2L, "0", "0", 0, OLD));
            w.orders.removeIf(o -> o.orderNo().equals("P1"));
            w.removeOpenHold(2);
            w.otherHolds.put(2L, hold(2, "ad:42", HoldPurpose.FREEZE, HoldStatus.SETTLED, "500", "0", OLD));
            clean();
            w.replaceAd(42, ad(42, AdStatus.ACTIVE, 2L, "1", "0", 0, OLD));
            assertThat(only("AD_HOLD", "ad:42")).isEqualTo("ACTIVE ad's hold 2 is SETTLED, expected OPEN with 1");
        }

        @Test
        void anOpeningAdIsInFlightUntilTheGraceEnds() {
            w.ads.add(ad(44, AdStatus.OPENING, null, "100", "0", 0, RECENT));
            w.openHolds.add(hold(5, "ad:44", HoldPurpose.FREEZE, HoldStatus.OPEN, "100", "100", RECENT));
            clean();
            w.replaceAd(44, ad(44, AdStatus.OPENING, null, "100", "0", 0, OLD));
            List<Discrepancy> found = w.check();
            assertThat(found).extracting(Discrepancy::key).containsExactly("STUCK_INTENT ad:44", "ORPHAN_HOLD hold:5");
            assertThat(found.get(0).detail()).startsWith("OPENING since " + OLD + " (grace PT10M): the ad's hold was never finished");
            assertThat(found.get(1).detail()).isEqualTo("OPEN hold 5 of 100 USDT (biz ref ad:44) is not the hold of ad 44 (OPENING, hold none)");
        }

        @Test
        void aClosingAdsReleasedHoldIsInFlightUntilTheGraceEnds() {
            w.replaceAd(42, ad(42, AdStatus.CLOSING, 2L, "450", "0", 0, RECENT));
            w.orders.removeIf(o -> o.orderNo().equals("P1"));
            clean(); // hold still OPEN with what the ad has
            w.removeOpenHold(2);
            w.otherHolds.put(2L, hold(2, "ad:42", HoldPurpose.FREEZE, HoldStatus.RELEASED, "500", "0", RECENT));
            clean(); // released, CLOSED not written yet
            w.replaceAd(42, ad(42, AdStatus.CLOSING, 2L, "450", "0", 0, OLD));
            assertThat(only("STUCK_INTENT", "ad:42")).contains("CLOSING since").contains("release of the ad's hold 2 was never finished");
        }

        @Test
        void holdsToLookUpAreThoseOfOwnersThatShouldHoldButAreNotListedOpen() {
            w.acceptors.add(acceptor(9, AcceptorStatus.LEAVING, 6L, RECENT));
            assertThat(ReconChecker.holdsToLookUp(w.ads, w.acceptors, Set.of(1L))).containsExactly(2L, 6L);
            assertThat(ReconChecker.holdsToLookUp(w.ads, w.acceptors, Set.of(1L, 2L, 6L))).isEmpty();
        }
    }

    @Nested
    class OrphanHold {

        @Test
        void anOldOpenHoldOfNoAdIsAnOrphan() {
            w.openHolds.add(hold(9, "ad:99", HoldPurpose.FREEZE, HoldStatus.OPEN, "10", "10", OLD));
            assertThat(only("ORPHAN_HOLD", "hold:9")).isEqualTo("OPEN hold 9 of 10 USDT (biz ref ad:99) belongs to no ad in otc");
        }

        @Test
        void aYoungOneMayBelongToAnAdCreatedAfterOtcWasRead() {
            w.openHolds.add(hold(9, "ad:99", HoldPurpose.FREEZE, HoldStatus.OPEN, "10", "10", RECENT));
            clean();
        }

        @Test
        void aSecondHoldOfAnAdIsAnOrphan() {
            w.openHolds.add(hold(9, "ad:42", HoldPurpose.FREEZE, HoldStatus.OPEN, "10", "10", RECENT));
            assertThat(only("ORPHAN_HOLD", "hold:9")).isEqualTo("OPEN hold 9 of 10 USDT (biz ref ad:42) is not the hold of ad 42 (ACTIVE, hold 2)");
        }

        @Test
        void aHoldWhoseBizRefNamesNoOwnerIsAnOrphan() {
            w.openHolds.add(hold(9, "ad:42:x", HoldPurpose.FREEZE, HoldStatus.OPEN, "10", "10", OLD));
            assertThat(only("ORPHAN_HOLD", "hold:9")).isEqualTo("OPEN hold 9 of 10 USDT (biz ref ad:42:x) belongs to no ad or acceptor in otc");
        }

        @Test
        void aMarginHoldOfALeftAcceptorThatItDoesNotNameIsAnOrphan() {
            w.openHolds.add(hold(9, "acceptor:8", HoldPurpose.MARGIN, HoldStatus.OPEN, "1000", "1000", OLD));
            assertThat(only("ORPHAN_HOLD", "hold:9"))
                    .isEqualTo("OPEN hold 9 of 1000 USDT (biz ref acceptor:8) is not the margin hold of acceptor 8 (LEFT, hold 4)");
        }

        @Test
        void anApprovingAcceptorsHoldIsInFlightUntilTheGraceEnds() {
            w.acceptors.add(acceptor(9, AcceptorStatus.APPROVING, null, RECENT));
            w.openHolds.add(hold(9, "acceptor:9", HoldPurpose.MARGIN, HoldStatus.OPEN, "1000", "1000", RECENT));
            clean();
            w.replaceAcceptor(9, acceptor(9, AcceptorStatus.APPROVING, null, OLD));
            assertThat(w.check()).extracting(Discrepancy::key).containsExactly("STUCK_INTENT acceptor:9", "ORPHAN_HOLD hold:9");
        }
    }

    @Nested
    class Settlement {

        @Test
        void aCompletedOrderHasExactlyOneSettlement() {
            w.transactions.removeIf(t -> t.bizRef().startsWith("order:"));
            assertThat(only("SETTLEMENT", "order:C1")).isEqualTo("COMPLETED order has no settlement in the ledger");
            w.transactions.add(settlement(100, "C1", 2, "50", "49.5", "0.5"));
            w.transactions.add(settlement(102, "C1", 2, "50", "49.5", "0.5"));
            assertThat(only("SETTLEMENT", "order:C1")).isEqualTo("COMPLETED order has 2 settlements (txn 100, 102)");
        }

        @Test
        void theSettlementIsTheOneTheOrderNamesWithItsAmounts() {
            w.replaceOrder("C1", order(1, "C1", OrderStatus.COMPLETED, "50", "49.4", "0.6", 99L, OLD));
            assertThat(only("SETTLEMENT", "order:C1")).isEqualTo("order's settleTxnId 99 != the ledger's settlement txn 100; "
                    + "merchant got 49.5 in txn 100, the order says 49.4");
        }

        @Test
        void theCoinOutOfTheHoldIsTheOrdersCoinAmount() {
            w.transactions.set(0, settlement(100, "C1", 2, "60", "49.5", "10.5"));
            assertThat(only("SETTLEMENT", "order:C1")).isEqualTo("txn 100 moved 60 out of the hold, the order's coinAmount is 50");
        }

        @Test
        void theOrdersOwnAmountsAddUp() {
            w.replaceOrder("C1", order(1, "C1", OrderStatus.COMPLETED, "50", "49.5", "0.4", 100L, OLD));
            assertThat(only("SETTLEMENT", "order:C1")).isEqualTo("merchant 49.5 + fee 0.4 != coinAmount 50");
        }

        @Test
        void theSettlementComesOutOfTheAdsHold() {
            w.transactions.set(0, settlement(100, "C1", 3, "50", "49.5", "0.5"));
            assertThat(only("SETTLEMENT", "order:C1")).isEqualTo("txn 100 settled hold 3, ad 42's hold is 2");
        }

        @Test
        void anExpiredOrCancelledOrderIsNeverSettled() {
            w.transactions.add(settlement(103, "E1", 2, "20", "19.8", "0.2"));
            assertThat(only("SETTLEMENT", "order:E1")).isEqualTo("EXPIRED order was settled in the ledger (txn 103, 19.8 USDT to merchant M1)");
            w.replaceOrder("E1", order(2, "E1", OrderStatus.CANCELLED, "20", null, null, null, OLD));
            w.callbacks.put("E1", List.of("ORDER_CANCELLED"));
            assertThat(only("SETTLEMENT", "order:E1")).startsWith("CANCELLED order was settled in the ledger");
        }

        @Test
        void aPaidOrderIsSettledWithinTheGrace() {
            w.replaceOrder("P1", order(3, "P1", OrderStatus.PAID, "100", null, null, null, OLD));
            assertThat(only("STUCK_INTENT", "order:P1")).isEqualTo("PAID since " + OLD + " (grace PT10M): the settlement was never made");
        }

        @Test
        void anAppealWaitsForRiskUnlessItsCoinAlreadyLeft() {
            w.replaceOrder("P1", order(3, "P1", OrderStatus.APPEAL, "100", null, null, null, OLD));
            clean();
            w.transactions.add(settlement(101, "P1", 2, "100", "99", "1"));
            w.replaceOpenHold(2, hold(2, "ad:42", HoldPurpose.FREEZE, HoldStatus.OPEN, "500", "350", OLD));
            assertThat(only("STUCK_INTENT", "order:P1")).contains("APPEAL since").contains("only a RELEASE decision can complete it");
        }

        @Test
        void anOpenOrderIsNeverSettledTwice() {
            w.transactions.add(settlement(101, "P1", 2, "100", "99", "1"));
            w.transactions.add(settlement(102, "P1", 2, "100", "99", "1"));
            w.replaceOpenHold(2, hold(2, "ad:42", HoldPurpose.FREEZE, HoldStatus.OPEN, "500", "250", OLD));
            assertThat(only("SETTLEMENT", "order:P1")).isEqualTo("PAID order has 2 settlements (txn 101, 102)");
        }
    }

    @Nested
    class Callback {

        @Test
        void anEndedOrderHasItsCallback() {
            w.callbacks.remove("C1");
            assertThat(only("CALLBACK", "order:C1")).isEqualTo("COMPLETED order (closed " + OLD + ") has no ORDER_COMPLETED callback recorded");
        }

        @Test
        void aCallbackStillOnItsWayIsNotMissing() {
            w.replaceOrder("E1", order(2, "E1", OrderStatus.EXPIRED, "20", null, null, null, RECENT));
            w.callbacks.remove("E1");
            clean();
        }

        @Test
        void andNoOtherTerminalOne() {
            w.callbacks.put("C1", List.of("ORDER_CANCELLED", "ORDER_COMPLETED"));
            assertThat(only("CALLBACK", "order:C1")).isEqualTo("COMPLETED order has a ORDER_CANCELLED callback recorded");
        }
    }

    @Nested
    class Margin {

        @Test
        void theMarginHoldHoldsTheMargin() {
            w.replaceOpenHold(1, hold(1, "acceptor:7", HoldPurpose.MARGIN, HoldStatus.OPEN, "1000", "900", OLD));
            assertThat(only("MARGIN", "acceptor:7")).isEqualTo("margin hold 1 holds 900, the acceptor's margin is 1000");
        }

        @Test
        void inTheMarginsCoin() {
            w.replaceAcceptor(7, new AcceptorSnapshot(7, AcceptorStatus.ACTIVE, "BTC", ReconWorld.bd("1000"), 1L, OLD));
            assertThat(only("MARGIN", "acceptor:7")).isEqualTo("margin hold 1 is in USDT, the acceptor's margin in BTC");
        }

        @Test
        void anActiveAcceptorsMarginHoldIsOpen() {
            w.removeOpenHold(1);
            w.otherHolds.put(1L, hold(1, "acceptor:7", HoldPurpose.MARGIN, HoldStatus.RELEASED, "1000", "0", OLD));
            assertThat(only("MARGIN", "acceptor:7")).isEqualTo("ACTIVE acceptor's margin hold 1 is RELEASED, expected OPEN");
            w.otherHolds.clear();
            assertThat(only("MARGIN", "acceptor:7")).isEqualTo("ACTIVE acceptor's margin hold 1 is not in the ledger");
            w.replaceAcceptor(7, acceptor(7, AcceptorStatus.ACTIVE, null, OLD));
            w.openHolds.add(hold(1, "acceptor:7", HoldPurpose.MARGIN, HoldStatus.OPEN, "1000", "1000", OLD));
            assertThat(w.check()).extracting(Discrepancy::key).containsExactly("MARGIN acceptor:7", "ORPHAN_HOLD hold:1");
        }

        @Test
        void aLeftRejectedOrAppliedAcceptorHoldsNoMargin() {
            w.openHolds.add(hold(4, "acceptor:8", HoldPurpose.MARGIN, HoldStatus.OPEN, "1000", "1000", OLD));
            assertThat(only("MARGIN", "acceptor:8")).isEqualTo("LEFT acceptor's margin hold 4 is still OPEN with 1000 USDT");
            for (AcceptorStatus s : List.of(AcceptorStatus.REJECTED, AcceptorStatus.APPLIED)) {
                w.replaceAcceptor(8, acceptor(8, s, 4L, OLD));
                assertThat(only("MARGIN", "acceptor:8")).startsWith(s + " acceptor's margin hold 4 is still OPEN");
            }
        }

        @Test
        void aLeavingAcceptorsReleaseIsInFlightUntilTheGraceEnds() {
            w.replaceAcceptor(7, acceptor(7, AcceptorStatus.LEAVING, 1L, RECENT));
            clean();
            w.removeOpenHold(1);
            w.otherHolds.put(1L, hold(1, "acceptor:7", HoldPurpose.MARGIN, HoldStatus.RELEASED, "1000", "0", RECENT));
            clean();
            w.replaceAcceptor(7, acceptor(7, AcceptorStatus.LEAVING, 1L, OLD));
            assertThat(only("STUCK_INTENT", "acceptor:7")).contains("LEAVING since").contains("release of the margin hold 1 was never finished");
        }

        @Test
        void anApprovalIsFinishedWithinTheGrace() {
            w.acceptors.add(acceptor(9, AcceptorStatus.APPROVING, null, RECENT));
            clean();
            w.replaceAcceptor(9, acceptor(9, AcceptorStatus.APPROVING, null, OLD));
            assertThat(only("STUCK_INTENT", "acceptor:9")).startsWith("APPROVING since " + OLD);
        }
    }
}
