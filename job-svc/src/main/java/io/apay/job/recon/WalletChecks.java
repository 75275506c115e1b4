package io.apay.job.recon;

import static io.apay.job.recon.ReconChecker.DEPOSIT;
import static io.apay.job.recon.ReconChecker.WITHDRAWAL;
import static io.apay.job.recon.ReconChecker.plain;

import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.ChainWithdrawalView;
import io.apay.chainbridge.api.enums.ChainDepositStatus;
import io.apay.chainbridge.api.enums.ChainWithdrawalStatus;
import io.apay.ledger.api.dto.PostingView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.api.enums.TxnType;
import io.apay.wallet.api.dto.recon.DepositSnapshot;
import io.apay.wallet.api.dto.recon.WithdrawalSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * DEPOSIT and WITHDRAWAL (and the STUCK_INTENT of the wallet's deposits and withdrawals): wallet-svc against the
 * ledger and chain-bridge-svc. The reads came in the order wallet, ledger, chain, and wallet-svc records each step
 * after the service it called made it, so what the wallet says happened must be visible in the ledger and on the
 * chain; what the ledger or the chain shows beyond the wallet's state is in flight (until the grace ends).
 */
final class WalletChecks {

    static final String DEPOSIT_REF = "deposit:";
    static final String WITHDRAWAL_REF = "withdrawal:";

    private final ReconChecker.Pass pass;
    private final WalletReconInput in;
    private final Map<String, ChainDepositView> chainDeposits = new LinkedHashMap<>();
    private final Map<String, ChainWithdrawalView> chainWithdrawals = new HashMap<>();
    private final Map<String, List<TransactionView>> txns = new HashMap<>();
    private final Set<String> walletDeposits = new HashSet<>();

    WalletChecks(ReconChecker.Pass pass) {
        this.pass = pass;
        this.in = pass.in.wallet();
        in.chainDeposits().forEach(c -> chainDeposits.put(c.depositKey(), c));
        in.chainWithdrawals().forEach(c -> chainWithdrawals.put(c.withdrawalId(), c));
        in.transactions().forEach(t -> txns.computeIfAbsent(t.bizRef(), k -> new ArrayList<>()).add(t));
        in.deposits().forEach(d -> walletDeposits.add(d.depositKey()));
    }

    void run() {
        in.deposits().forEach(this::deposit);
        chainDeposits.values().forEach(this::confirmedOnChain);
        in.withdrawals().forEach(this::withdrawal);
    }

    // ---------------------------------------------------------------- deposits

    /** A deposit the wallet has: the chain confirmed it as the wallet has it, and a CREDITED one is in the ledger once. */
    private void deposit(DepositSnapshot d) {
        String subject = d.depositKey();
        List<String> problems = new ArrayList<>();
        ChainDepositView c = chainDeposits.get(subject);
        // the wallet records a deposit only after the chain reported it CONFIRMED, which is final
        if (c == null) {
            problems.add(d.state() + " deposit " + d.id() + " is unknown to chain-bridge-svc");
        } else {
            if (c.status() != ChainDepositStatus.CONFIRMED) {
                problems.add(d.state() + " deposit " + d.id() + " is " + c.status() + " on chain");
            }
            if (!Objects.equals(c.ownerRef(), d.ownerRef())) {
                problems.add("on chain it is " + c.ownerRef() + "'s, in the wallet " + d.ownerRef() + "'s");
            }
            BigDecimal onChain = d.chainAmount() != null ? d.chainAmount() : d.amount(); // an older wallet: its amount is the chain's
            if (c.amount() == null || c.amount().compareTo(onChain) != 0 || !Objects.equals(c.coin(), d.coin())) {
                problems.add("on chain " + plain(c.amount()) + " " + c.coin() + ", in the wallet " + plain(onChain) + " " + d.coin());
            }
        }
        creditAmount(d, problems);
        List<TransactionView> credits = txns.getOrDefault(DEPOSIT_REF + d.id(), List.of());
        if (DepositSnapshot.IGNORED.equals(d.state())) {
            if (!credits.isEmpty()) {
                problems.add("IGNORED deposit " + d.id() + " has " + credits.size() + " ledger transactions (txn " + txnIds(credits) + ")");
            }
        } else if (DepositSnapshot.CREDITED.equals(d.state())) {
            if (credits.size() != 1) {
                problems.add(credits.isEmpty() ? "CREDITED deposit " + d.id() + " has no ledger transaction (biz ref deposit:" + d.id() + ")"
                        : "CREDITED deposit " + d.id() + " has " + credits.size() + " ledger transactions (txn " + txnIds(credits) + ")");
            } else {
                credit(d, credits.get(0), problems);
            }
        } else {
            if (credits.size() > 1) {
                problems.add("deposit " + d.id() + " has " + credits.size() + " ledger transactions (txn " + txnIds(credits) + ")");
            }
            if (pass.older(d.updatedAt(), pass.grace)) {
                pass.stuck(subject, d.state(), d.updatedAt(), "the ledger credit of deposit " + d.id() + " was never finished"
                        + (d.lastError() == null ? "" : " (last refusal " + d.lastError() + ")"));
            }
        }
        pass.addAll(DEPOSIT, subject, problems);
    }

    /**
     * What the wallet credits (or credited) is the chain's amount at the coin's scale, rounded down (the dust stays on
     * chain); an IGNORED deposit is one nothing of which could be credited: a coin the wallet does not support
     * ({@code creditScale} null) or less than one unit of its scale. A wallet that sends no chainAmount credits the
     * chain's amount as it is (checked against the chain above).
     */
    private static void creditAmount(DepositSnapshot d, List<String> problems) {
        if (d.chainAmount() == null) {
            return;
        }
        BigDecimal creditable = d.creditScale() == null ? BigDecimal.ZERO : d.chainAmount().setScale(d.creditScale(), RoundingMode.DOWN);
        if (DepositSnapshot.IGNORED.equals(d.state())) {
            if (creditable.signum() != 0) {
                problems.add("IGNORED deposit " + d.id() + " of " + plain(d.chainAmount()) + " " + d.coin() + " could be credited "
                        + plain(creditable));
            }
        } else if (d.creditScale() == null) {
            problems.add(d.state() + " deposit " + d.id() + " is of " + d.coin() + ", a coin the wallet does not support");
        } else if (creditable.compareTo(d.amount()) != 0) {
            problems.add(d.state() + " deposit " + d.id() + " credits " + plain(d.amount()) + " " + d.coin() + ", the chain's "
                    + plain(d.chainAmount()) + " at scale " + d.creditScale() + " is " + plain(creditable));
        }
    }

    /** The credit: one TRANSFER under the deposit key, amount from DEPOSIT_CLEARING to the owner's AVAILABLE, not reversed. */
    private void credit(DepositSnapshot d, TransactionView t, List<String> problems) {
        if (!Objects.equals(t.idempotencyKey(), d.depositKey()) || t.type() != TxnType.TRANSFER) {
            problems.add("txn " + t.txnId() + " is a " + t.type() + " with key " + t.idempotencyKey() + ", not the TRANSFER under the deposit key");
        }
        if (d.creditTxnId() == null || d.creditTxnId() != t.txnId()) {
            problems.add("deposit's creditTxnId " + d.creditTxnId() + " != the ledger's txn " + t.txnId());
        }
        Owner owner = Owner.of(d.ownerRef());
        BigDecimal credited = sum(t, p -> owner != null && owner.is(p) && p.kind() == AccountKind.AVAILABLE && Objects.equals(p.coin(), d.coin()));
        if (credited.compareTo(d.amount()) != 0) {
            problems.add("txn " + t.txnId() + " credited " + plain(credited) + " to " + d.ownerRef() + "'s AVAILABLE, the deposit is "
                    + plain(d.amount()) + " " + d.coin());
        }
        BigDecimal cleared = sum(t, p -> platform(p, AccountKind.DEPOSIT_CLEARING) && Objects.equals(p.coin(), d.coin())).negate();
        if (cleared.compareTo(d.amount()) != 0) {
            problems.add("txn " + t.txnId() + " took " + plain(cleared) + " out of DEPOSIT_CLEARING, the deposit is " + plain(d.amount()));
        }
        if (t.reversedByTxnId() != null) {
            problems.add("txn " + t.txnId() + " was reversed by txn " + t.reversedByTxnId());
        }
    }

    /** A deposit the chain confirmed more than the grace ago is in the wallet (a CREDITING one is judged as an intent). */
    private void confirmedOnChain(ChainDepositView c) {
        if (c.status() != ChainDepositStatus.CONFIRMED || walletDeposits.contains(c.depositKey()) || !pass.older(c.confirmedAt(), pass.grace)) {
            return;
        }
        pass.add(DEPOSIT, c.depositKey(), "CONFIRMED on chain at " + c.confirmedAt() + " (" + plain(c.amount()) + " " + c.coin() + " to "
                + c.ownerRef() + ", chain deposit " + c.id() + ") and not credited by wallet-svc");
    }

    // ---------------------------------------------------------------- withdrawals

    /**
     * A withdrawal's hold of amount + fee is settled (chain CONFIRMED, wallet COMPLETED) or released (wallet FAILED or
     * REJECTED, the chain FAILED or never asked), never both; what the wallet says happened is on the chain and in the ledger.
     */
    private void withdrawal(WithdrawalSnapshot w) {
        String subject = WITHDRAWAL_REF + w.withdrawalNo();
        List<TransactionView> all = txns.getOrDefault(subject, List.of());
        List<TransactionView> holds = of(all, TxnType.HOLD);
        List<TransactionView> settles = of(all, TxnType.SETTLE);
        List<TransactionView> releases = of(all, TxnType.RELEASE);
        ChainWithdrawalView c = chainWithdrawals.get(w.withdrawalNo());
        String state = w.state();
        List<String> problems = new ArrayList<>();

        boolean mustBeHeld = !state.equals("HOLDING") && !state.equals("FAILED");
        if (holds.isEmpty() && (mustBeHeld || w.holdId() != null)) {
            problems.add(state + " withdrawal has no hold in the ledger" + (w.holdId() == null ? "" : " (it names hold " + w.holdId() + ")"));
        }
        if (holds.size() > 1) {
            problems.add("withdrawal has " + holds.size() + " holds (txn " + txnIds(holds) + ")");
        }
        if (holds.size() == 1) {
            TransactionView h = holds.get(0);
            BigDecimal held = ReconChecker.frozenMoved(h);
            BigDecimal expected = w.amount().add(w.fee());
            if (held.compareTo(expected) != 0) {
                problems.add("hold txn " + h.txnId() + " froze " + plain(held) + ", amount " + plain(w.amount()) + " + fee " + plain(w.fee())
                        + " = " + plain(expected));
            }
            if (w.holdId() != null && !Objects.equals(h.holdId(), w.holdId())) {
                problems.add("the ledger's hold is " + h.holdId() + ", the withdrawal names " + w.holdId());
            }
        }
        if (settles.size() > 1 || releases.size() > 1) {
            problems.add("hold settled " + settles.size() + " and released " + releases.size() + " times (txn " + txnIds(all) + ")");
        } else if (!settles.isEmpty() && !releases.isEmpty()) {
            problems.add("hold both settled (txn " + settles.get(0).txnId() + ") and released (txn " + releases.get(0).txnId() + ")");
        }
        if (c != null) {
            sameSend(w, c, problems);
        }

        switch (state) {
            case "COMPLETED" -> {
                if (c == null || c.status() != ChainWithdrawalStatus.CONFIRMED) {
                    problems.add("COMPLETED withdrawal is " + chainState(c));
                }
                if (settles.isEmpty()) {
                    problems.add("COMPLETED withdrawal's hold was never settled");
                } else if (settles.size() == 1) {
                    settlement(w, settles.get(0), problems);
                }
            }
            case "FAILED", "REJECTED" -> {
                if (!settles.isEmpty()) {
                    problems.add(state + " withdrawal's hold was settled (txn " + txnIds(settles) + ")");
                } else if (!holds.isEmpty() && releases.isEmpty()) {
                    problems.add(state + " withdrawal's hold " + holds.get(0).holdId() + " was never released");
                }
                // a rejected withdrawal, or one whose hold was refused, was never handed to the chain
                chainEnded(state, c, problems, state.equals("REJECTED") || (holds.isEmpty() && w.holdId() == null));
            }
            case "SETTLING" -> {
                // the wallet settles only once the chain confirmed it
                if (c == null || c.status() != ChainWithdrawalStatus.CONFIRMED) {
                    problems.add("SETTLING withdrawal is " + chainState(c));
                }
                if (!releases.isEmpty()) {
                    problems.add("SETTLING withdrawal's hold was released (txn " + txnIds(releases) + ")");
                }
                stuckIfOld(w, subject, w.updatedAt(), pass.grace, "the settlement of its hold was never finished");
            }
            case "RELEASING" -> {
                chainEnded("RELEASING (to " + w.ending() + ")", c, problems, "REJECTED".equals(w.ending()));
                if (!settles.isEmpty()) {
                    problems.add("RELEASING withdrawal's hold was settled (txn " + txnIds(settles) + ")");
                }
                stuckIfOld(w, subject, w.updatedAt(), pass.grace, "the release of its hold was never finished");
            }
            case "HOLDING" -> stuckIfOld(w, subject, w.updatedAt(), pass.grace, "its hold was never finished");
            case "SENDING", "BROADCAST" -> underWay(w, subject, c, problems);
            default -> {
                // REVIEW waits for an operator as long as it must
            }
        }
        pass.addAll(WITHDRAWAL, subject, problems);
    }

    /** Handed to the chain (or being handed): the chain's outcome is applied within the grace, the chain has chainGrace. */
    private void underWay(WithdrawalSnapshot w, String subject, ChainWithdrawalView c, List<String> problems) {
        if (c == null) {
            if (w.state().equals("BROADCAST")) {
                // BROADCAST is written after chain-bridge-svc accepted the send
                problems.add("BROADCAST withdrawal is unknown to chain-bridge-svc");
            } else {
                stuckIfOld(w, subject, w.updatedAt(), pass.grace, "it was never handed to the chain");
            }
            return;
        }
        Instant since = later(w.updatedAt(), c.updatedAt());
        if (c.status().isFinal()) {
            stuckIfOld(w, subject, since, pass.grace, "the chain's outcome " + c.status() + " was never applied");
        } else {
            stuckIfOld(w, subject, w.updatedAt(), pass.chainGrace, "still " + c.status() + " on chain");
        }
    }

    /** The settlement: the amount to the platform's WITHDRAWAL_CLEARING, the fee to FEE_INCOME, out of the withdrawal's hold. */
    private void settlement(WithdrawalSnapshot w, TransactionView s, List<String> problems) {
        BigDecimal cleared = sum(s, p -> platform(p, AccountKind.WITHDRAWAL_CLEARING));
        if (cleared.compareTo(w.amount()) != 0) {
            problems.add("settlement txn " + s.txnId() + " moved " + plain(cleared) + " to WITHDRAWAL_CLEARING, the amount is " + plain(w.amount()));
        }
        BigDecimal fee = sum(s, p -> platform(p, AccountKind.FEE_INCOME));
        if (fee.compareTo(w.fee()) != 0) {
            problems.add("settlement txn " + s.txnId() + " moved " + plain(fee) + " to FEE_INCOME, the fee is " + plain(w.fee()));
        }
        if (w.holdId() != null && !Objects.equals(s.holdId(), w.holdId())) {
            problems.add("settlement txn " + s.txnId() + " settled hold " + s.holdId() + ", the withdrawal's is " + w.holdId());
        }
    }

    /**
     * A withdrawal whose hold goes back to its owner: the chain must never send it. One {@code neverSent} was never
     * handed to the chain; any other was not, or failed there.
     */
    private static void chainEnded(String state, ChainWithdrawalView c, List<String> problems, boolean neverSent) {
        if (c == null) {
            return;
        }
        if (neverSent) {
            problems.add(state + " withdrawal was handed to the chain (" + c.status() + ")");
        } else if (c.status() != ChainWithdrawalStatus.FAILED) {
            problems.add(state + " withdrawal is " + c.status() + " on chain" + (c.status() == ChainWithdrawalStatus.CONFIRMED
                    ? " (tx " + c.txHash() + "): the coin left and the hold goes back to the owner" : ""));
        }
    }

    /** The chain sends what the wallet asked for: same network, coin, address and amount. */
    private static void sameSend(WithdrawalSnapshot w, ChainWithdrawalView c, List<String> problems) {
        if (!Objects.equals(c.network(), w.network()) || !Objects.equals(c.coin(), w.coin()) || !Objects.equals(c.toAddress(), w.toAddress())
                || c.amount() == null || c.amount().compareTo(w.amount()) != 0) {
            problems.add("on chain " + plain(c.amount()) + " " + c.coin() + " to " + c.toAddress() + " on " + c.network() + ", in the wallet "
                    + plain(w.amount()) + " " + w.coin() + " to " + w.toAddress() + " on " + w.network());
        }
    }

    private void stuckIfOld(WithdrawalSnapshot w, String subject, Instant since, Duration grace, String what) {
        if (pass.older(since, grace)) {
            pass.add(ReconChecker.STUCK_INTENT, subject, w.state() + " since " + since + " (grace " + grace + "): " + what);
        }
    }

    private static String chainState(ChainWithdrawalView c) {
        return c == null ? "unknown to chain-bridge-svc" : c.status() + " on chain";
    }

    // ---------------------------------------------------------------- helpers

    private static List<TransactionView> of(List<TransactionView> all, TxnType type) {
        return all.stream().filter(t -> t.type() == type).toList();
    }

    private static BigDecimal sum(TransactionView t, Predicate<PostingView> which) {
        return ReconChecker.sum(t.postings().stream().filter(which).toList());
    }

    private static boolean platform(PostingView p, AccountKind kind) {
        return p.ownerType() == OwnerType.PLATFORM && p.kind() == kind;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static String txnIds(List<TransactionView> txns) {
        return String.join(", ", txns.stream().map(t -> Long.toString(t.txnId())).toList());
    }

    /** The ledger's owner of a wallet owner ref {@code USER:<id>} or {@code MERCHANT:<no>}. */
    private record Owner(OwnerType type, String id) {
        static Owner of(String ownerRef) {
            int colon = ownerRef == null ? -1 : ownerRef.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            try {
                return new Owner(OwnerType.valueOf(ownerRef.substring(0, colon)), ownerRef.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        boolean is(PostingView p) {
            return p.ownerType() == type && Objects.equals(p.ownerId(), id);
        }
    }
}
