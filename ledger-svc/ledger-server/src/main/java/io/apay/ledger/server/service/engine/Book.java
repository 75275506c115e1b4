package io.apay.ledger.server.service.engine;

import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.server.service.AccountMeta;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state one batch works on, in memory: the balances, holds and reversal targets it read under lock, and what
 * the accepted commands changed. A command works on a {@link Draft}; only if every one of its rules passes does
 * the draft join the book, so a rejected command leaves nothing behind.
 */
final class Book {

    final LocalDateTime now;
    private final Map<Long, AccountMeta> accounts;
    private final Map<AccountRef, AccountMeta> addresses;
    private final Map<Long, BigDecimal> lockedBalances;
    private final Map<Long, BigDecimal> balances;
    private final Map<Long, Rows.Hold> lockedHolds;
    private final Map<Long, Rows.Hold> holds;
    private final Set<Long> newHolds = new LinkedHashSet<>();
    private final Map<Long, Rows.Target> targets;
    private final Map<Long, Long> reversals = new LinkedHashMap<>();
    private final List<Rows.Txn> txns = new ArrayList<>();
    private final List<Rows.Posting> postings = new ArrayList<>();

    Book(LocalDateTime now, Map<Long, AccountMeta> accounts, Map<AccountRef, AccountMeta> addresses,
         Map<Long, BigDecimal> lockedBalances, Map<Long, Rows.Hold> lockedHolds, Map<Long, Rows.Target> targets) {
        this.now = now;
        this.accounts = accounts;
        this.addresses = addresses;
        this.lockedBalances = lockedBalances;
        this.balances = new HashMap<>(lockedBalances);
        this.lockedHolds = lockedHolds;
        this.holds = new HashMap<>(lockedHolds);
        this.targets = targets;
    }

    AccountMeta account(long id) {
        AccountMeta meta = accounts.get(id);
        if (meta == null) {
            throw new IllegalStateException("account " + id + " was not locked by this batch");
        }
        return meta;
    }

    AccountMeta account(AccountRef address) {
        AccountMeta meta = addresses.get(address);
        if (meta == null) {
            throw new IllegalStateException("account " + address + " was not resolved by this batch");
        }
        return meta;
    }

    BigDecimal balance(long accountId) {
        BigDecimal balance = balances.get(accountId);
        if (balance == null) {
            throw new IllegalStateException("account " + accountId + " was not locked by this batch");
        }
        return balance;
    }

    Rows.Hold hold(long holdId) {
        return holds.get(holdId);
    }

    Rows.Target target(long txnId) {
        Rows.Target target = targets.get(txnId);
        Long reversedBy = reversals.get(txnId);
        return target == null || reversedBy == null ? target
                : new Rows.Target(target.id(), target.type(), reversedBy, target.postings());
    }

    Draft draft(long txnId) {
        return new Draft(txnId);
    }

    // ---- what the writer persists ----

    List<Rows.Txn> txns() {
        return txns;
    }

    List<Rows.Posting> postings() {
        return postings;
    }

    /** account id -> {balance read under lock, balance now}, for every account a command changed. */
    Map<Long, BigDecimal[]> changedBalances() {
        Map<Long, BigDecimal[]> changed = new LinkedHashMap<>();
        balances.forEach((id, now) -> {
            BigDecimal before = lockedBalances.get(id);
            if (before.compareTo(now) != 0) {
                changed.put(id, new BigDecimal[] {before, now});
            }
        });
        return changed;
    }

    List<Rows.Hold> newHolds() {
        return newHolds.stream().map(holds::get).toList();
    }

    /** Holds read under lock that commands changed (their version is the one read). */
    List<Rows.Hold> changedHolds() {
        List<Rows.Hold> changed = new ArrayList<>();
        lockedHolds.forEach((id, before) -> {
            Rows.Hold now = holds.get(id);
            if (now != before) {
                changed.add(now);
            }
        });
        return changed;
    }

    /** target txn id -> reversing txn id. */
    Map<Long, Long> reversals() {
        return reversals;
    }

    boolean isEmpty() {
        return txns.isEmpty();
    }

    /** The changes of one command. Nothing reaches the book unless {@link #commit} is called. */
    final class Draft {

        final long txnId;
        private final Map<Long, BigDecimal> overlay = new HashMap<>();
        private final List<Rows.Posting> draftPostings = new ArrayList<>();
        private final Map<Long, Rows.Hold> holdChanges = new LinkedHashMap<>();
        private final Set<Long> createdHolds = new LinkedHashSet<>();
        private Long reversedTarget;

        private Draft(long txnId) {
            this.txnId = txnId;
        }

        /** Adds a posting; refuses one that takes an account that may not go negative below zero. */
        void post(AccountMeta account, BigDecimal amount) {
            if (amount.signum() == 0) {
                return;
            }
            BigDecimal after = balance(account.id()).add(amount);
            if (after.signum() < 0 && !account.allowsNegative()) {
                throw new ServiceException(LedgerErrorCodes.INSUFFICIENT_BALANCE,
                        "insufficient balance in " + account.ownerType() + ":" + account.ownerId() + ":" + account.coin() + ":" + account.kind());
            }
            overlay.put(account.id(), after);
            draftPostings.add(new Rows.Posting(txnId, account.id(), account.coin(), amount, after, now));
        }

        BigDecimal balance(long accountId) {
            BigDecimal pending = overlay.get(accountId);
            return pending != null ? pending : Book.this.balance(accountId);
        }

        Rows.Hold hold(long holdId) {
            Rows.Hold changed = holdChanges.get(holdId);
            return changed != null ? changed : Book.this.hold(holdId);
        }

        void putHold(Rows.Hold hold, boolean created) {
            holdChanges.put(hold.id(), hold);
            if (created) {
                createdHolds.add(hold.id());
            }
        }

        void markReversed(long targetTxnId) {
            reversedTarget = targetTxnId;
        }

        List<Rows.Posting> postings() {
            return draftPostings;
        }

        void commit(Rows.Txn txn) {
            balances.putAll(overlay);
            postings.addAll(draftPostings);
            holds.putAll(holdChanges);
            newHolds.addAll(createdHolds);
            if (reversedTarget != null) {
                reversals.put(reversedTarget, txn.id());
            }
            txns.add(txn);
        }
    }
}
