package io.apay.ledger.server.service;

import io.apay.common.core.cache.ImmutableLookup;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.money.Money;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.CreditRequest;
import io.apay.ledger.api.dto.HoldRequest;
import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.dto.ReleaseHoldRequest;
import io.apay.ledger.api.dto.ReverseRequest;
import io.apay.ledger.api.dto.SettleHoldRequest;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.TransferLeg;
import io.apay.ledger.api.dto.TransferRequest;
import io.apay.ledger.api.dto.VoidKeyRequest;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.TxnType;
import io.apay.ledger.server.dal.dataobject.HoldDO;
import io.apay.ledger.server.dal.mapper.HoldMapper;
import io.apay.ledger.server.service.engine.Command;
import io.apay.ledger.server.service.engine.LedgerWriter;
import io.apay.ledger.server.service.engine.Outcome;
import io.apay.ledger.server.service.engine.RequestHash;
import io.apay.ledger.server.service.fee.FeeScheduleService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Turns the API's mutating requests into {@link Command}s: checks amounts against the coin's scale and the
 * account addresses (the writer resolves, and lazily creates, the accounts), fingerprints the request for
 * idempotency, and hands the command to the {@link LedgerWriter}. The money rules themselves live in {@code PostingRules}.
 */
@Service
public class LedgerCommandService {

    private static final Logger log = LoggerFactory.getLogger(LedgerCommandService.class);

    private final AccountRegistry accounts;
    private final CoinRegistry coins;
    private final FeeScheduleService fees;
    private final HoldMapper holdMapper;
    /** A hold's coin and source account: the parts of a hold that never change, read once per hold. */
    private final ImmutableLookup<Long, HoldOrigin> holdOrigins = new ImmutableLookup<>(10_000);

    private record HoldOrigin(String coin, long sourceAccountId) {
    }
    private final LedgerWriter writer;
    private final LedgerQueryService queries;

    public LedgerCommandService(AccountRegistry accounts, CoinRegistry coins, FeeScheduleService fees, HoldMapper holdMapper,
                                LedgerWriter writer, LedgerQueryService queries) {
        this.accounts = accounts;
        this.coins = coins;
        this.fees = fees;
        this.holdMapper = holdMapper;
        this.writer = writer;
        this.queries = queries;
    }

    public TransactionView transfer(TransferRequest r) {
        RequestHash hash = RequestHash.of("TRANSFER").add(r.bizRef()).add(r.memo()).add(r.feeBizType()).add(owner(r.commissionTo()));
        List<Command.Leg> legs = new ArrayList<>();
        for (int i = 0; i < r.legs().size(); i++) {
            TransferLeg leg = r.legs().get(i);
            if (!leg.from().coin().equals(leg.to().coin())) {
                throw new ServiceException(LedgerErrorCodes.INVALID_LEG, "legs[" + i + "]: from and to must have the same coin");
            }
            BigDecimal amount = Money.requirePositive("legs[" + i + "].amount", leg.amount(), coins.scale(leg.from().coin()));
            hash.add(leg.from()).add(leg.to()).add(amount);
            legs.add(new Command.Leg(accounts.check(leg.from()), accounts.check(leg.to()), amount));
        }
        Command.Fee fee = r.feeBizType() == null ? null
                : fee(legs.get(0).from().coin(), r.feeBizType(), r.commissionTo() == null ? null
                : accounts.check(r.commissionTo().ownerType(), r.commissionTo().ownerId(), legs.get(0).from().coin(), AccountKind.AVAILABLE));
        return run(new Command.Transfer(r.idempotencyKey(), hash.sha256(), r.bizRef(), r.memo(), TxnType.TRANSFER, legs, fee));
    }

    public TransactionView credit(CreditRequest r) {
        BigDecimal amount = Money.requirePositive("amount", r.amount(), coins.scale(r.coin()));
        String hash = RequestHash.of("CREDIT").add(owner(r.owner())).add(r.coin()).add(amount).add(r.bizRef()).add(r.memo()).sha256();
        AccountRef funding = accounts.check(AccountRef.platform(r.coin(), AccountKind.FUNDING));
        AccountRef to = accounts.check(r.owner().ownerType(), r.owner().ownerId(), r.coin(), AccountKind.AVAILABLE);
        return run(new Command.Transfer(r.idempotencyKey(), hash, r.bizRef(), r.memo(), TxnType.CREDIT,
                List.of(new Command.Leg(funding, to, amount)), null));
    }

    public TransactionView hold(HoldRequest r) {
        BigDecimal amount = Money.requirePositive("amount", r.amount(), coins.scale(r.coin()));
        String hash = RequestHash.of("HOLD").add(owner(r.owner())).add(r.coin()).add(amount).add(r.purpose())
                .add(r.bizRef()).add(r.memo()).sha256();
        AccountRef source = accounts.check(r.owner().ownerType(), r.owner().ownerId(), r.coin(), AccountKind.AVAILABLE);
        AccountRef held = accounts.check(r.owner().ownerType(), r.owner().ownerId(), r.coin(), r.purpose().heldIn());
        return run(new Command.Hold(r.idempotencyKey(), hash, r.bizRef(), r.memo(), source, held, r.purpose(), amount));
    }

    public TransactionView settle(long holdId, SettleHoldRequest r) {
        // a hold's coin and owner never change: read once (without a lock) to resolve the accounts
        HoldOrigin hold = holdOrigins.get(holdId, id -> {
            HoldDO h = holdMapper.selectById(id);
            return h == null ? null : new HoldOrigin(h.getCoin(), h.getSourceAccountId());
        });
        if (hold == null) {
            throw new ServiceException(LedgerErrorCodes.HOLD_NOT_FOUND);
        }
        String coin = hold.coin();
        BigDecimal amount = r.amount() == null ? null : Money.requirePositive("amount", r.amount(), coins.scale(coin));
        if (r.flatFee() != null && r.feeBizType() != null) {
            throw new ServiceException(CommonErrorCodes.VALIDATION_FAILED, "give feeBizType or flatFee, not both");
        }
        AccountKind payeeKind = r.payeeKindOrDefault();
        if (payeeKind.heldOnly()) {
            throw new ServiceException(LedgerErrorCodes.KIND_NOT_TRANSFERABLE);
        }
        BigDecimal flatFee = r.flatFee() == null ? null : Money.requirePositive("flatFee", r.flatFee(), coins.scale(coin));
        RequestHash hash = RequestHash.of("SETTLE").add(holdId).add(amount).add(r.isFinal()).add(owner(r.payee()))
                .add(r.feeBizType()).add(owner(r.commissionTo())).add(r.bizRef()).add(r.memo());
        // added only when used, so the fingerprint of every settlement of the original form stays what it was
        if (payeeKind != AccountKind.AVAILABLE) {
            hash.add("payeeKind").add(payeeKind);
        }
        if (flatFee != null) {
            hash.add("flatFee").add(flatFee);
        }
        AccountRef payee = accounts.check(r.payee().ownerType(), r.payee().ownerId(), coin, payeeKind);
        if (flatFee != null) {
            return run(new Command.Settle(r.idempotencyKey(), hash.sha256(), r.bizRef(), r.memo(), holdId, amount, r.isFinal(), payee,
                    null, flatFee, accounts.check(AccountRef.platform(coin, AccountKind.FEE_INCOME))));
        }
        Command.Fee fee = null;
        if (r.feeBizType() != null) {
            AccountMeta holder = accounts.byId(hold.sourceAccountId());
            OwnerRef beneficiary = r.commissionTo() != null ? r.commissionTo() : OwnerRef.of(holder.ownerType(), holder.ownerId());
            fee = fee(coin, r.feeBizType(), accounts.check(beneficiary.ownerType(), beneficiary.ownerId(), coin, AccountKind.AVAILABLE));
        }
        return run(new Command.Settle(r.idempotencyKey(), hash.sha256(), r.bizRef(), r.memo(), holdId, amount, r.isFinal(), payee,
                fee, null, null));
    }

    public TransactionView release(long holdId, ReleaseHoldRequest r) {
        String hash = RequestHash.of("RELEASE").add(holdId).add(r.bizRef()).add(r.memo()).sha256();
        return run(new Command.Release(r.idempotencyKey(), hash, r.bizRef(), r.memo(), holdId));
    }

    public TransactionView reverse(long txnId, ReverseRequest r) {
        String hash = RequestHash.of("REVERSE").add(txnId).add(r.bizRef()).add(r.memo()).sha256();
        return run(new Command.Reverse(r.idempotencyKey(), hash, r.bizRef(), r.memo(), txnId));
    }

    /**
     * Claims a key without moving money. It goes through the writer like any command: the key picks the writer's
     * queue, so the void is applied after any command of that key queued before it, and the journal's unique key
     * decides between replicas.
     */
    public TransactionView voidKey(VoidKeyRequest r) {
        String hash = RequestHash.of("VOID").add(r.bizRef()).add(r.memo()).sha256();
        return run(new Command.VoidKey(r.idempotencyKey(), hash, r.bizRef(), r.memo()));
    }

    private Command.Fee fee(String coin, String bizType, AccountRef commissionTo) {
        return new Command.Fee(fees.require(coin, bizType), commissionTo,
                accounts.check(AccountRef.platform(coin, AccountKind.FEE_INCOME)),
                accounts.check(AccountRef.platform(coin, AccountKind.ROUNDING)));
    }

    private TransactionView run(Command command) {
        Outcome outcome = writer.submit(command);
        if (outcome instanceof Outcome.Created created) {
            return created.transaction();
        } else if (outcome instanceof Outcome.Existing existing) {
            try {
                return queries.transaction(existing.txnId());
            } catch (DataAccessException e) {
                // committed, but its answer could not be read: not an error of the command; a retry gets the answer
                log.warn("transaction {} of key {} could not be read back: {}", existing.txnId(), command.idempotencyKey(), e.toString());
                throw new ServiceException(LedgerErrorCodes.OUTCOME_UNKNOWN);
            }
        }
        throw ((Outcome.Rejected) outcome).error();
    }

    private static String owner(OwnerRef owner) {
        return owner == null ? null : owner.ownerType() + ":" + owner.ownerId();
    }
}
