package io.apay.job.recon;

import static io.apay.job.recon.ReconWorld.ANCIENT;
import static io.apay.job.recon.ReconWorld.OLD;
import static io.apay.job.recon.ReconWorld.RECENT;
import static io.apay.job.recon.ReconWorld.USER;
import static io.apay.job.recon.ReconWorld.chainDeposit;
import static io.apay.job.recon.ReconWorld.chainWithdrawal;
import static io.apay.job.recon.ReconWorld.credit;
import static io.apay.job.recon.ReconWorld.deposit;
import static io.apay.job.recon.ReconWorld.withdrawal;
import static io.apay.job.recon.ReconWorld.withdrawalHold;
import static io.apay.job.recon.ReconWorld.withdrawalRelease;
import static io.apay.job.recon.ReconWorld.withdrawalSettle;
import static org.assertj.core.api.Assertions.assertThat;

import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.enums.ChainDepositStatus;
import io.apay.chainbridge.api.enums.ChainWithdrawalStatus;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.wallet.api.dto.recon.DepositSnapshot;
import io.apay.wallet.api.dto.recon.WithdrawalSnapshot;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** DEPOSIT, WITHDRAWAL and the wallet's STUCK_INTENT, clean and broken, on the wallet part of {@link ReconWorld}. */
class WalletChecksTest {

    static final String D1 = "deposit:LOCAL:0xd1:0";

    final ReconWorld w = new ReconWorld();

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
    void aConsistentWalletHasNoDiscrepancyAndAnUnreadOneIsNotChecked() {
        clean();
        w.deposits.clear(); // would be a DEPOSIT discrepancy, but the wallet was not read
        w.walletRead = false;
        clean();
    }

    @Nested
    class Deposit {

        @Test
        void aCreditedDepositHasItsLedgerCredit() {
            w.replaceTransaction(200, null);
            assertThat(only("DEPOSIT", D1)).isEqualTo("CREDITED deposit 1 has no ledger transaction (biz ref deposit:1)");
        }

        @Test
        void exactlyOne() {
            w.transactions.add(credit(201, 1, "0xd1", USER, "25"));
            assertThat(only("DEPOSIT", D1)).isEqualTo("CREDITED deposit 1 has 2 ledger transactions (txn 200, 201)");
        }

        @Test
        void ofTheDepositsAmountToTheOwnersAvailable() {
            w.replaceTransaction(200, credit(200, 1, "0xd1", USER, "24.999999"));
            assertThat(only("DEPOSIT", D1)).isEqualTo("txn 200 credited 24.999999 to USER:1001's AVAILABLE, the deposit is 25 USDT;"
                    + " txn 200 took 24.999999 out of DEPOSIT_CLEARING, the deposit is 25");
            w.replaceTransaction(200, credit(200, 1, "0xd1", "USER:1002", "25"));
            assertThat(only("DEPOSIT", D1)).isEqualTo("txn 200 credited 0 to USER:1001's AVAILABLE, the deposit is 25 USDT");
        }

        @Test
        void underTheDepositKeyTheTransactionTheDepositNamesNotReversed() {
            TransactionView t = credit(200, 1, "0xd9", USER, "25");
            w.replaceTransaction(200, new TransactionView(200, t.idempotencyKey(), t.type(), t.bizRef(), null, null, null, 207L, OLD, t.postings()));
            w.replaceDeposit(1, deposit(1, "0xd1", "25", DepositSnapshot.CREDITED, 199L, OLD));
            assertThat(only("DEPOSIT", D1)).isEqualTo("txn 200 is a TRANSFER with key deposit:LOCAL:0xd9:0, not the TRANSFER under the deposit key;"
                    + " deposit's creditTxnId 199 != the ledger's txn 200; txn 200 was reversed by txn 207");
        }

        @Test
        void itsChainRecordIsConfirmedWithTheSameOwnerAndAmount() {
            w.replaceChainDeposit("0xd1", chainDeposit(11, "0xd1", USER, "25", ChainDepositStatus.ORPHANED, OLD));
            assertThat(only("DEPOSIT", D1)).isEqualTo("CREDITED deposit 1 is ORPHANED on chain");
            w.replaceChainDeposit("0xd1", chainDeposit(11, "0xd1", "USER:1002", "2.5", ChainDepositStatus.CONFIRMED, OLD));
            assertThat(only("DEPOSIT", D1)).isEqualTo("on chain it is USER:1002's, in the wallet USER:1001's; on chain 2.5 USDT, in the wallet 25 USDT");
            w.chainDeposits.removeIf(c -> c.txHash().equals("0xd1"));
            assertThat(only("DEPOSIT", D1)).isEqualTo("CREDITED deposit 1 is unknown to chain-bridge-svc");
        }

        @Test
        void aDepositConfirmedOnChainIsCreditedWithinTheGrace() {
            w.replaceChainDeposit("0xd3", chainDeposit(13, "0xd3", USER, "3", ChainDepositStatus.CONFIRMED, OLD));
            assertThat(only("DEPOSIT", "deposit:LOCAL:0xd3:0"))
                    .isEqualTo("CONFIRMED on chain at " + OLD + " (3 USDT to USER:1001, chain deposit 13) and not credited by wallet-svc");
        }

        /** The wallet's snapshot of deposit 1 (0xd1, credited as txn 200) with the amounts and scale given. */
        DepositSnapshot d1(String amount, String chainAmount, Integer creditScale, String state) {
            return new DepositSnapshot(1, 11, "LOCAL", "USDT", "0xd1", 0, "0xA0xd1", USER, new BigDecimal(amount), state,
                    DepositSnapshot.CREDITED.equals(state) ? 200L : null, null, OLD, OLD, new BigDecimal(chainAmount), creditScale);
        }

        @Test
        void aDepositIsCreditedAtTheCoinsScaleRoundedDownTheDustStayingOnChain() {
            w.replaceChainDeposit("0xd1", chainDeposit(11, "0xd1", USER, "25.1234569", ChainDepositStatus.CONFIRMED, OLD));
            w.replaceTransaction(200, credit(200, 1, "0xd1", USER, "25.123456"));
            w.replaceDeposit(1, d1("25.123456", "25.1234569", 6, DepositSnapshot.CREDITED));
            clean();
            w.replaceTransaction(200, credit(200, 1, "0xd1", USER, "25.123457"));
            w.replaceDeposit(1, d1("25.123457", "25.1234569", 6, DepositSnapshot.CREDITED)); // rounded up: more than came in
            assertThat(only("DEPOSIT", D1)).isEqualTo("CREDITED deposit 1 credits 25.123457 USDT, the chain's 25.1234569 at scale 6 is 25.123456");
            w.replaceDeposit(1, d1("25.123457", "25.1234570", 6, DepositSnapshot.CREDITED));
            assertThat(only("DEPOSIT", D1)).isEqualTo("on chain 25.1234569 USDT, in the wallet 25.123457 USDT");
        }

        @Test
        void aDepositNothingOfWhichCanBeCreditedIsIgnoredWithoutALedgerTransaction() {
            w.replaceChainDeposit("0xd1", chainDeposit(11, "0xd1", USER, "0.0000001", ChainDepositStatus.CONFIRMED, OLD));
            w.transactions.removeIf(t -> t.txnId() == 200);
            w.replaceDeposit(1, d1("0", "0.0000001", 6, DepositSnapshot.IGNORED)); // below the scale
            clean();
            w.replaceDeposit(1, d1("0", "0.0000001", null, DepositSnapshot.IGNORED)); // a coin the wallet does not support
            clean();
            w.transactions.add(credit(200, 1, "0xd1", USER, "0.000001"));
            assertThat(only("DEPOSIT", D1)).isEqualTo("IGNORED deposit 1 has 1 ledger transactions (txn 200)");
            w.transactions.removeIf(t -> t.txnId() == 200);
            w.replaceChainDeposit("0xd1", chainDeposit(11, "0xd1", USER, "0.000001", ChainDepositStatus.CONFIRMED, OLD));
            w.replaceDeposit(1, d1("0", "0.000001", 6, DepositSnapshot.IGNORED));
            assertThat(only("DEPOSIT", D1)).isEqualTo("IGNORED deposit 1 of 0.000001 USDT could be credited 0.000001");
        }

        @Test
        void aCreditingDepositIsInFlightUntilTheGraceEndsThenStuck() {
            // the ledger credited it already, CREDITED not written yet: in flight
            w.transactions.add(credit(202, 2, "0xd2", USER, "7"));
            clean();
            w.replaceChainDeposit("0xd2", chainDeposit(12, "0xd2", USER, "7", ChainDepositStatus.CONFIRMED, ANCIENT));
            w.replaceDeposit(2, new DepositSnapshot(2, 12, "LOCAL", "USDT", "0xd2", 0, "0xA0xd2", USER, new BigDecimal("7"), "CREDITING", null,
                    "LEDGER_14001", OLD, OLD));
            // only the stuck intent: a deposit being credited is not also "never credited"
            assertThat(only("STUCK_INTENT", "deposit:LOCAL:0xd2:0")).isEqualTo("CREDITING since " + OLD
                    + " (grace PT10M): the ledger credit of deposit 2 was never finished (last refusal LEDGER_14001)");
        }
    }

    @Nested
    class Withdrawal {

        @Test
        void aCompletedWithdrawalIsConfirmedOnChain() {
            w.replaceChainWithdrawal("W1", chainWithdrawal("W1", ChainWithdrawalStatus.BROADCAST, OLD));
            assertThat(only("WITHDRAWAL", "withdrawal:W1")).isEqualTo("COMPLETED withdrawal is BROADCAST on chain");
            w.replaceChainWithdrawal("W1", null);
            assertThat(only("WITHDRAWAL", "withdrawal:W1")).isEqualTo("COMPLETED withdrawal is unknown to chain-bridge-svc");
        }

        @Test
        void aCompletedWithdrawalsHoldIsSettledAmountToClearingFeeToIncome() {
            w.replaceTransaction(302, null);
            assertThat(only("WITHDRAWAL", "withdrawal:W1")).isEqualTo("COMPLETED withdrawal's hold was never settled");
            w.replaceTransaction(302, withdrawalSettle(302, "W1", 300, "100.5", "0.5"));
            assertThat(only("WITHDRAWAL", "withdrawal:W1")).isEqualTo("settlement txn 302 moved 100.5 to WITHDRAWAL_CLEARING, the amount is 100;"
                    + " settlement txn 302 moved 0.5 to FEE_INCOME, the fee is 1");
            w.replaceTransaction(302, withdrawalSettle(302, "W1", 399, "100", "1"));
            assertThat(only("WITHDRAWAL", "withdrawal:W1")).isEqualTo("settlement txn 302 settled hold 399, the withdrawal's is 300");
        }

        @Test
        void aHoldIsSettledOrReleasedNeverBoth() {
            w.transactions.add(withdrawalRelease(303, "W1", 300, "101"));
            assertThat(only("WITHDRAWAL", "withdrawal:W1")).isEqualTo("hold both settled (txn 302) and released (txn 303)");
        }

        @Test
        void theHoldIsAmountPlusFee() {
            w.replaceTransaction(301, withdrawalHold(301, "W1", 300, "100"));
            assertThat(only("WITHDRAWAL", "withdrawal:W1")).isEqualTo("hold txn 301 froze 100, amount 100 + fee 1 = 101");
            w.transactions.add(withdrawalHold(304, "W1", 301, "101"));
            assertThat(only("WITHDRAWAL", "withdrawal:W1")).contains("withdrawal has 2 holds (txn 301, 304)");
        }

        @Test
        void theChainSendsWhatTheWalletAskedFor() {
            w.replaceChainWithdrawal("W1", new ChainWithdrawalView("W1", "LOCAL", "USDT", "0xElsewhere", new BigDecimal("1000"),
                    ChainWithdrawalStatus.CONFIRMED, "0xt", 1L, 12, null, OLD, OLD));
            assertThat(only("WITHDRAWAL", "withdrawal:W1")).isEqualTo("on chain 1000 USDT to 0xElsewhere on LOCAL, in the wallet 100 USDT to "
                    + ReconWorld.TO + " on LOCAL");
        }

        @Test
        void aFailedWithdrawalWasNotSentAndItsHoldWentBack() {
            w.replaceChainWithdrawal("W2", chainWithdrawal("W2", ChainWithdrawalStatus.CONFIRMED, OLD));
            assertThat(only("WITHDRAWAL", "withdrawal:W2"))
                    .isEqualTo("FAILED withdrawal is CONFIRMED on chain (tx 0xtW2): the coin left and the hold goes back to the owner");
            w.replaceChainWithdrawal("W2", chainWithdrawal("W2", ChainWithdrawalStatus.FAILED, OLD));
            w.replaceTransaction(312, null);
            assertThat(only("WITHDRAWAL", "withdrawal:W2")).isEqualTo("FAILED withdrawal's hold 310 was never released");
            w.replaceTransaction(312, withdrawalSettle(312, "W2", 310, "100", "1"));
            assertThat(only("WITHDRAWAL", "withdrawal:W2")).isEqualTo("FAILED withdrawal's hold was settled (txn 312)");
        }

        @Test
        void aRejectedWithdrawalWasNeverHandedToTheChain() {
            w.replaceChainWithdrawal("W3", chainWithdrawal("W3", ChainWithdrawalStatus.FAILED, OLD));
            assertThat(only("WITHDRAWAL", "withdrawal:W3")).isEqualTo("REJECTED withdrawal was handed to the chain (FAILED)");
            w.replaceChainWithdrawal("W3", null);
            w.replaceTransaction(322, null);
            assertThat(only("WITHDRAWAL", "withdrawal:W3")).isEqualTo("REJECTED withdrawal's hold 320 was never released");
        }

        @Test
        void aWithdrawalWhoseHoldWasRefusedHasNoHoldAndNoSend() {
            w.transactions.add(withdrawalHold(332, "W4", 330, "101"));
            assertThat(only("WITHDRAWAL", "withdrawal:W4")).isEqualTo("FAILED withdrawal's hold 330 was never released");
            w.replaceTransaction(332, null);
            w.replaceChainWithdrawal("W4", chainWithdrawal("W4", ChainWithdrawalStatus.FAILED, OLD));
            assertThat(only("WITHDRAWAL", "withdrawal:W4")).isEqualTo("FAILED withdrawal was handed to the chain (FAILED)");
        }

        @Test
        void aWithdrawalPastItsHoldHasOne() {
            w.replaceTransaction(351, null);
            assertThat(only("WITHDRAWAL", "withdrawal:W6")).isEqualTo("REVIEW withdrawal has no hold in the ledger (it names hold 350)");
        }

        @Test
        void aBroadcastWithdrawalIsOnChainAndMayBeSettledThereAndInTheLedgerBeforeTheWalletSaysSo() {
            w.replaceChainWithdrawal("W5", chainWithdrawal("W5", ChainWithdrawalStatus.CONFIRMED, RECENT));
            w.transactions.add(withdrawalSettle(342, "W5", 340, "100", "1"));
            clean();
            w.replaceChainWithdrawal("W5", null);
            w.replaceTransaction(342, null);
            assertThat(only("WITHDRAWAL", "withdrawal:W5")).isEqualTo("BROADCAST withdrawal is unknown to chain-bridge-svc");
        }

        @Test
        void theChainsOutcomeIsAppliedWithinTheGraceOfWhenItCame() {
            // sent long ago, confirmed just now: in flight
            w.replaceWithdrawal("W5", withdrawal(5, "BROADCAST", null, 340L, ANCIENT));
            w.replaceChainWithdrawal("W5", chainWithdrawal("W5", ChainWithdrawalStatus.CONFIRMED, RECENT));
            clean();
            w.replaceChainWithdrawal("W5", chainWithdrawal("W5", ChainWithdrawalStatus.FAILED, OLD));
            assertThat(only("STUCK_INTENT", "withdrawal:W5")).isEqualTo("BROADCAST since " + OLD
                    + " (grace PT10M): the chain's outcome FAILED was never applied");
        }

        @Test
        void theChainHasItsOwnGrace() {
            w.replaceWithdrawal("W5", withdrawal(5, "BROADCAST", null, 340L, OLD));
            w.replaceChainWithdrawal("W5", chainWithdrawal("W5", ChainWithdrawalStatus.BROADCAST, OLD));
            clean(); // an hour on chain is within the chain's grace
            w.replaceWithdrawal("W5", withdrawal(5, "BROADCAST", null, 340L, ANCIENT));
            assertThat(only("STUCK_INTENT", "withdrawal:W5")).isEqualTo("BROADCAST since " + ANCIENT + " (grace PT1H): still BROADCAST on chain");
        }

        @Test
        void aSettlingWithdrawalWasConfirmedOnChain() {
            w.replaceWithdrawal("W5", withdrawal(5, "SETTLING", null, 340L, RECENT));
            w.replaceChainWithdrawal("W5", chainWithdrawal("W5", ChainWithdrawalStatus.CONFIRMED, RECENT));
            clean();
            w.replaceChainWithdrawal("W5", chainWithdrawal("W5", ChainWithdrawalStatus.FAILED, RECENT));
            assertThat(only("WITHDRAWAL", "withdrawal:W5")).isEqualTo("SETTLING withdrawal is FAILED on chain");
        }

        @Test
        void aReleasingWithdrawalIsNotSentOrFailedThere() {
            w.replaceWithdrawal("W5", withdrawal(5, "RELEASING", "FAILED", 340L, RECENT));
            w.replaceChainWithdrawal("W5", chainWithdrawal("W5", ChainWithdrawalStatus.FAILED, RECENT));
            clean();
            w.replaceChainWithdrawal("W5", chainWithdrawal("W5", ChainWithdrawalStatus.BROADCAST, RECENT));
            assertThat(only("WITHDRAWAL", "withdrawal:W5")).isEqualTo("RELEASING (to FAILED) withdrawal is BROADCAST on chain");
            w.replaceWithdrawal("W6", withdrawal(6, "RELEASING", "REJECTED", 350L, RECENT));
            w.replaceChainWithdrawal("W5", chainWithdrawal("W5", ChainWithdrawalStatus.FAILED, RECENT));
            w.replaceChainWithdrawal("W6", chainWithdrawal("W6", ChainWithdrawalStatus.QUEUED, RECENT));
            assertThat(only("WITHDRAWAL", "withdrawal:W6")).isEqualTo("RELEASING (to REJECTED) withdrawal was handed to the chain (QUEUED)");
        }

        @Test
        void intentsOtherThanReviewAreStuckAfterTheGrace() {
            w.withdrawals.add(withdrawal(7, "HOLDING", null, null, RECENT));
            clean();
            w.replaceWithdrawal("W7", withdrawal(7, "HOLDING", null, null, OLD));
            assertThat(only("STUCK_INTENT", "withdrawal:W7")).isEqualTo("HOLDING since " + OLD + " (grace PT10M): its hold was never finished");
            w.replaceWithdrawal("W7", withdrawal(7, "SENDING", null, null, OLD));
            w.transactions.add(withdrawalHold(371, "W7", 370, "101"));
            assertThat(only("STUCK_INTENT", "withdrawal:W7")).isEqualTo("SENDING since " + OLD + " (grace PT10M): it was never handed to the chain");
            w.replaceWithdrawal("W7", withdrawal(7, "SETTLING", null, 370L, OLD));
            w.chainWithdrawals.add(chainWithdrawal("W7", ChainWithdrawalStatus.CONFIRMED, OLD));
            assertThat(only("STUCK_INTENT", "withdrawal:W7")).isEqualTo("SETTLING since " + OLD
                    + " (grace PT10M): the settlement of its hold was never finished");
            // W6 has been in REVIEW for an hour: it waits for an operator
            assertThat(w.withdrawals).extracting(WithdrawalSnapshot::state).contains("REVIEW");
        }
    }
}
