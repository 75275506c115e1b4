package io.apay.ledger.server.service.engine;

import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.PostingView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.TxnType;
import io.apay.ledger.server.service.AccountMeta;
import io.apay.ledger.server.service.CoinRegistry;
import io.apay.ledger.server.service.fee.FeeCalculator;
import io.apay.ledger.server.service.fee.FeeSplit;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The money rules of the ledger, in one place. Each command becomes one journal transaction whose postings sum
 * to zero per coin, or it is rejected with no effect:
 * <ul>
 *   <li>no posting may take an account whose kind forbids it below zero ({@link Book.Draft#post});</li>
 *   <li>FROZEN and MARGIN accounts move only with holds, so they always equal their open holds;</li>
 *   <li>a hold resolves once: SETTLED or RELEASED; a settlement never exceeds what remains on it;</li>
 *   <li>fees follow {@link FeeCalculator}: payee gets amount - fee; commission, platform income and the rounding
 *       remainder each go to their named account; a settlement's flat fee (never more than the amount settled) goes
 *       whole to the platform's FEE_INCOME;</li>
 *   <li>only TRANSFER and CREDIT can be reversed, once, by their exact negation;</li>
 *   <li>a VOID posts nothing: it only claims its idempotency key, so no other request can ever use it.</li>
 * </ul>
 */
final class PostingRules {

    private final CoinRegistry coins;
    private final LongSupplier ids;

    PostingRules(CoinRegistry coins, LongSupplier ids) {
        this.coins = coins;
        this.ids = ids;
    }

    TransactionView apply(Command command, Book book) {
        if (command instanceof Command.Transfer t) {
            return transfer(t, book);
        } else if (command instanceof Command.Hold h) {
            return hold(h, book);
        } else if (command instanceof Command.Settle s) {
            return settle(s, book);
        } else if (command instanceof Command.Release r) {
            return release(r, book);
        } else if (command instanceof Command.Reverse v) {
            return reverse(v, book);
        } else if (command instanceof Command.VoidKey v) {
            return voidKey(v, book);
        }
        throw new IllegalArgumentException("unknown command " + command.getClass());
    }

    private TransactionView transfer(Command.Transfer t, Book book) {
        Book.Draft draft = book.draft(ids.getAsLong());
        for (int i = 0; i < t.legs().size(); i++) {
            Command.Leg leg = t.legs().get(i);
            checkLeg(leg);
            AccountMeta from = book.account(leg.from());
            AccountMeta to = book.account(leg.to());
            draft.post(from, leg.amount().negate());
            if (i == 0 && t.fee() != null) {
                FeeSplit fee = FeeCalculator.split(t.fee().schedule(), leg.amount(), coins.scale(from.coin()),
                        t.fee().commissionTo() != null);
                draft.post(to, leg.amount().subtract(fee.fee()));
                payFee(book, draft, t.fee(), fee);
            } else {
                draft.post(to, leg.amount());
            }
        }
        return commit(book, draft, t, t.type(), null, null);
    }

    static void checkLeg(Command.Leg leg) {
        AccountRef from = leg.from();
        AccountRef to = leg.to();
        if (from.equals(to) || !from.coin().equals(to.coin())) {
            throw new ServiceException(LedgerErrorCodes.INVALID_LEG);
        }
        if (from.kind().heldOnly() || to.kind().heldOnly()) {
            throw new ServiceException(LedgerErrorCodes.KIND_NOT_TRANSFERABLE);
        }
    }

    private TransactionView hold(Command.Hold h, Book book) {
        Book.Draft draft = book.draft(ids.getAsLong());
        long holdId = ids.getAsLong();
        AccountMeta source = book.account(h.source());
        AccountMeta held = book.account(h.held());
        draft.post(source, h.amount().negate());
        draft.post(held, h.amount());
        BigDecimal zero = BigDecimal.ZERO;
        draft.putHold(new Rows.Hold(holdId, h.purpose(), HoldStatus.OPEN, source.id(), held.id(), source.coin(),
                h.amount(), h.amount(), zero, zero, draft.txnId, h.bizRef(), 0, book.now, book.now), true);
        return commit(book, draft, h, TxnType.HOLD, holdId, null);
    }

    private TransactionView settle(Command.Settle s, Book book) {
        Book.Draft draft = book.draft(ids.getAsLong());
        Rows.Hold hold = openHold(draft, s.holdId());
        BigDecimal amount = s.amount() == null ? hold.remaining() : s.amount();
        if (amount.compareTo(hold.remaining()) > 0) {
            throw new ServiceException(LedgerErrorCodes.HOLD_AMOUNT_EXCEEDED,
                    "amount exceeds the " + coins.display(hold.coin(), hold.remaining()).toPlainString() + " that remain on the hold");
        }
        if (!s.payee().coin().equals(hold.coin())) {
            throw new ServiceException(LedgerErrorCodes.INVALID_LEG);
        }
        AccountMeta held = book.account(hold.heldAccountId());
        AccountMeta source = book.account(hold.sourceAccountId());
        int scale = coins.scale(hold.coin());
        FeeSplit fee = s.fee() == null ? FeeSplit.none(scale)
                : FeeCalculator.split(s.fee().schedule(), amount, scale, s.fee().commissionTo() != null);
        if (s.flatFee() != null && s.flatFee().compareTo(amount) > 0) {
            throw new ServiceException(LedgerErrorCodes.HOLD_AMOUNT_EXCEEDED, "flatFee exceeds the amount settled");
        }
        BigDecimal flatFee = s.flatFee() == null ? BigDecimal.ZERO : s.flatFee();
        draft.post(held, amount.negate());
        draft.post(book.account(s.payee()), amount.subtract(fee.fee()).subtract(flatFee));
        if (s.fee() != null) {
            payFee(book, draft, s.fee(), fee);
        }
        if (s.flatFee() != null) {
            draft.post(book.account(s.flatFeeIncome()), flatFee);
        }
        BigDecimal remaining = hold.remaining().subtract(amount);
        BigDecimal released = hold.released();
        if (s.finalSettle() && remaining.signum() > 0) {
            draft.post(held, remaining.negate());
            draft.post(source, remaining);
            released = released.add(remaining);
            remaining = BigDecimal.ZERO;
        }
        HoldStatus status = remaining.signum() == 0 ? HoldStatus.SETTLED : HoldStatus.OPEN;
        draft.putHold(hold.resolve(status, remaining, hold.settled().add(amount), released, book.now), false);
        return commit(book, draft, s, TxnType.SETTLE, hold.id(), null);
    }

    private TransactionView release(Command.Release r, Book book) {
        Book.Draft draft = book.draft(ids.getAsLong());
        Rows.Hold hold = openHold(draft, r.holdId());
        draft.post(book.account(hold.heldAccountId()), hold.remaining().negate());
        draft.post(book.account(hold.sourceAccountId()), hold.remaining());
        draft.putHold(hold.resolve(HoldStatus.RELEASED, BigDecimal.ZERO, hold.settled(),
                hold.released().add(hold.remaining()), book.now), false);
        return commit(book, draft, r, TxnType.RELEASE, hold.id(), null);
    }

    private TransactionView reverse(Command.Reverse v, Book book) {
        Rows.Target target = book.target(v.targetTxnId());
        if (target == null) {
            throw new ServiceException(LedgerErrorCodes.TRANSACTION_NOT_FOUND);
        }
        if (!target.type().reversible()) {
            throw new ServiceException(LedgerErrorCodes.NOT_REVERSIBLE);
        }
        if (target.reversedByTxnId() != null) {
            throw new ServiceException(LedgerErrorCodes.ALREADY_REVERSED);
        }
        Book.Draft draft = book.draft(ids.getAsLong());
        List<Rows.Movement> postings = target.postings();
        for (int i = postings.size() - 1; i >= 0; i--) {
            Rows.Movement m = postings.get(i);
            draft.post(book.account(m.accountId()), m.amount().negate());
        }
        draft.markReversed(target.id());
        return commit(book, draft, v, TxnType.REVERSAL, null, target.id());
    }

    /** No postings, no hold, no link: the journal row alone holds the key (its unique index does the rest). */
    private TransactionView voidKey(Command.VoidKey v, Book book) {
        return commit(book, book.draft(ids.getAsLong()), v, TxnType.VOID, null, null);
    }

    private static Rows.Hold openHold(Book.Draft draft, long holdId) {
        Rows.Hold hold = draft.hold(holdId);
        if (hold == null) {
            throw new ServiceException(LedgerErrorCodes.HOLD_NOT_FOUND);
        }
        if (hold.status() != HoldStatus.OPEN) {
            throw new ServiceException(LedgerErrorCodes.HOLD_NOT_OPEN, "hold is already " + hold.status());
        }
        return hold;
    }

    private static void payFee(Book book, Book.Draft draft, Command.Fee target, FeeSplit fee) {
        if (target.commissionTo() != null) {
            draft.post(book.account(target.commissionTo()), fee.commission());
        }
        draft.post(book.account(target.feeIncome()), fee.platformIncome());
        draft.post(book.account(target.rounding()), fee.roundingRemainder());
    }

    private TransactionView commit(Book book, Book.Draft draft, Command command, TxnType type, Long holdId, Long reversesTxnId) {
        Rows.Txn txn = new Rows.Txn(draft.txnId, command.idempotencyKey(), command.requestHash(), type, command.bizRef(),
                command.memo(), holdId, reversesTxnId, book.now);
        draft.commit(txn);
        List<PostingView> postings = draft.postings().stream().map(p -> {
            AccountMeta a = book.account(p.accountId());
            return new PostingView(a.id(), a.ownerType(), a.ownerId(), a.coin(), a.kind(),
                    coins.display(a.coin(), p.amount()), coins.display(a.coin(), p.balanceAfter()));
        }).toList();
        return new TransactionView(txn.id(), txn.idempotencyKey(), type, txn.bizRef(), txn.memo(), holdId, reversesTxnId,
                null, book.now.toInstant(ZoneOffset.UTC), postings);
    }
}
