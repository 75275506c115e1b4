package io.apay.ledger.server.service.engine;

import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.server.dal.jdbc.JournalJdbc;
import io.apay.ledger.server.service.AccountMeta;
import io.apay.ledger.server.service.AccountRegistry;
import io.apay.ledger.server.service.CoinRegistry;
import io.apay.ledger.server.service.IdAllocator;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Applies a batch of commands (distinct idempotency keys) in ONE database transaction, after resolving all their
 * account addresses at once (creating new accounts in their own statements first):
 * <ol>
 *   <li>keys already in the journal answer their transaction (same request) or a conflict (another request);</li>
 *   <li>the rows the rest touch are locked in a fixed order and read: reversed transactions, holds, accounts;</li>
 *   <li>{@link PostingRules} applies each command in memory, accepting or rejecting it on its own;</li>
 *   <li>what was accepted is written in one multi-statement round trip (multi-row inserts, balances and holds
 *       by compare-and-set), and the transaction commits once for the whole batch (one log flush).</li>
 * </ol>
 * A failure before the commit rolls the whole batch back; a failed commit may or may not have committed it
 * ({@link CommitOutcomeUnknownException}). Either way {@link LedgerWriter} then applies its commands one by one,
 * each first looking for its key, so a command the lost commit did apply is found rather than applied twice.
 * The transaction is the writer's own connection's ({@link WriterSession}), not a Spring-managed one.
 */
@Component
public class BatchProcessor {

    private final AccountRegistry accounts;
    private final CoinRegistry coins;
    private final IdAllocator ids;

    public BatchProcessor(AccountRegistry accounts, CoinRegistry coins, IdAllocator ids) {
        this.accounts = accounts;
        this.coins = coins;
        this.ids = ids;
    }

    /** The outcome of each command, in the order given, committed on the writer's session (READ COMMITTED). */
    List<Outcome> process(List<Command> commands, WriterSession session) {
        Set<AccountRef> addresses = new LinkedHashSet<>();
        commands.forEach(c -> collectAddresses(c, addresses));
        // before the transaction: creating an account must never wait on, or hold, the batch's locks
        Map<AccountRef, AccountMeta> resolved = accounts.resolveAll(addresses);
        try {
            List<Outcome> outcomes = apply(session.journal(), commands, resolved);
            session.commit();
            return outcomes;
        } catch (RuntimeException | Error e) {
            session.rollback();
            throw e;
        }
    }

    private List<Outcome> apply(JournalJdbc journal, List<Command> commands, Map<AccountRef, AccountMeta> resolved) {
        Outcome[] outcomes = new Outcome[commands.size()];
        Map<String, Object[]> known = journal.findKeys(commands.stream().map(Command::idempotencyKey).toList());
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Command c = commands.get(i);
            Object[] existing = known.get(c.idempotencyKey());
            if (existing == null) {
                fresh.add(i);
            } else if (existing[1].equals(c.requestHash())) {
                outcomes[i] = new Outcome.Existing((Long) existing[0]);
            } else {
                outcomes[i] = new Outcome.Rejected(new ServiceException(LedgerErrorCodes.IDEMPOTENCY_KEY_REUSED));
            }
        }
        if (fresh.isEmpty()) {
            return List.of(outcomes);
        }

        Map<Long, AccountMeta> metas = new HashMap<>();
        Set<Long> holdIds = new LinkedHashSet<>();
        Set<Long> targetIds = new LinkedHashSet<>();
        for (int i : fresh) {
            Set<AccountRef> addresses = new LinkedHashSet<>();
            collectAddresses(commands.get(i), addresses);
            addresses.forEach(a -> metas.put(resolved.get(a).id(), resolved.get(a)));
            collectRows(commands.get(i), holdIds, targetIds);
        }
        Map<Long, Rows.Target> targets = journal.lockTargets(targetIds);
        for (Rows.Target t : targets.values()) {
            t.postings().forEach(m -> metas.computeIfAbsent(m.accountId(), accounts::byId));
        }
        Map<Long, Rows.Hold> holds = journal.lockHolds(holdIds);
        for (Rows.Hold h : holds.values()) {
            metas.computeIfAbsent(h.sourceAccountId(), accounts::byId);
            metas.computeIfAbsent(h.heldAccountId(), accounts::byId);
        }
        Map<Long, BigDecimal> balances = journal.lockAccounts(metas.keySet());

        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        Book book = new Book(now, metas, resolved, balances, holds, targets);
        PostingRules rules = new PostingRules(coins, ids::next);
        for (int i : fresh) {
            try {
                outcomes[i] = new Outcome.Created(rules.apply(commands.get(i), book));
            } catch (ServiceException rejected) {
                outcomes[i] = new Outcome.Rejected(rejected);
            }
        }
        if (!book.isEmpty() && !journal.write(book.txns(), book.newHolds(), book.postings(), book.changedBalances(),
                book.changedHolds(), book.reversals(), book.now)) {
            throw new IllegalStateException("a balance or hold changed under this batch's lock");
        }
        return List.of(outcomes);
    }

    private static void collectAddresses(Command c, Set<AccountRef> into) {
        if (c instanceof Command.Transfer t) {
            for (Command.Leg leg : t.legs()) {
                into.add(leg.from());
                into.add(leg.to());
            }
            collectFee(t.fee(), into);
        } else if (c instanceof Command.Hold h) {
            into.add(h.source());
            into.add(h.held());
        } else if (c instanceof Command.Settle s) {
            into.add(s.payee());
            collectFee(s.fee(), into);
            if (s.flatFeeIncome() != null) {
                into.add(s.flatFeeIncome());
            }
        }
    }

    private static void collectFee(Command.Fee fee, Set<AccountRef> into) {
        if (fee == null) {
            return;
        }
        into.add(fee.feeIncome());
        into.add(fee.rounding());
        if (fee.commissionTo() != null) {
            into.add(fee.commissionTo());
        }
    }

    private static void collectRows(Command c, Set<Long> holdIds, Set<Long> targetIds) {
        if (c instanceof Command.Settle s) {
            holdIds.add(s.holdId());
        } else if (c instanceof Command.Release r) {
            holdIds.add(r.holdId());
        } else if (c instanceof Command.Reverse v) {
            targetIds.add(v.targetTxnId());
        }
    }
}
