package io.apay.ledger.server.service;

import com.baomidou.mybatisplus.core.toolkit.Wrappers;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.money.Money;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.dto.FeeQuote;
import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.PostingView;
import io.apay.ledger.api.dto.StatementEntry;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.server.dal.dataobject.AccountDO;
import io.apay.ledger.server.dal.dataobject.HoldDO;
import io.apay.ledger.server.dal.dataobject.PostingDO;
import io.apay.ledger.server.dal.dataobject.StatementRowDO;
import io.apay.ledger.server.dal.dataobject.TxnDO;
import io.apay.ledger.server.dal.mapper.AccountMapper;
import io.apay.ledger.server.dal.mapper.HoldMapper;
import io.apay.ledger.server.dal.mapper.PostingMapper;
import io.apay.ledger.server.dal.mapper.TxnMapper;
import io.apay.ledger.server.service.fee.FeeCalculator;
import io.apay.ledger.server.service.fee.FeeScheduleService;
import io.apay.ledger.server.service.fee.FeeSplit;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Reads: transactions, balances, statements, holds, fee quotes. Plain committed reads; no locks. */
@Service
public class LedgerQueryService {

    private static final int IN_CHUNK = 1000;

    private final TxnMapper txnMapper;
    private final PostingMapper postingMapper;
    private final AccountMapper accountMapper;
    private final HoldMapper holdMapper;
    private final AccountRegistry accounts;
    private final CoinRegistry coins;
    private final FeeScheduleService fees;

    public LedgerQueryService(TxnMapper txnMapper, PostingMapper postingMapper, AccountMapper accountMapper,
                              HoldMapper holdMapper, AccountRegistry accounts, CoinRegistry coins, FeeScheduleService fees) {
        this.txnMapper = txnMapper;
        this.postingMapper = postingMapper;
        this.accountMapper = accountMapper;
        this.holdMapper = holdMapper;
        this.accounts = accounts;
        this.coins = coins;
        this.fees = fees;
    }

    public TransactionView transaction(long txnId) {
        TxnDO txn = txnMapper.selectById(txnId);
        if (txn == null) {
            throw new ServiceException(LedgerErrorCodes.TRANSACTION_NOT_FOUND);
        }
        return view(txn);
    }

    public TransactionView transactionByKey(String idempotencyKey) {
        TxnDO txn = txnMapper.selectOne(Wrappers.<TxnDO>lambdaQuery().eq(TxnDO::getIdempotencyKey, idempotencyKey));
        if (txn == null) {
            throw new ServiceException(LedgerErrorCodes.TRANSACTION_NOT_FOUND);
        }
        return view(txn);
    }

    public List<TransactionView> transactionsByBizRef(String bizRef) {
        return views(txnMapper.selectList(Wrappers.<TxnDO>lambdaQuery().eq(TxnDO::getBizRef, bizRef)
                .orderByAsc(TxnDO::getCreatedAt, TxnDO::getId).last("LIMIT 100")));
    }

    /** Every transaction with one of these biz refs, oldest first. */
    public List<TransactionView> transactionsByBizRefs(List<String> bizRefs) {
        return views(txnMapper.selectList(Wrappers.<TxnDO>lambdaQuery().in(TxnDO::getBizRef, new LinkedHashSet<>(bizRefs))
                .orderByAsc(TxnDO::getCreatedAt, TxnDO::getId)));
    }

    /**
     * Holds whose biz ref starts with the prefix, exactly: character for character (the column's collation ignores
     * case and accents) and with {@code %} and {@code _} taken literally. Optionally in one status; by id after
     * {@code afterId}, at most {@code limit}.
     */
    public List<HoldView> holds(String bizRefPrefix, HoldStatus status, long afterId, int limit) {
        if (bizRefPrefix == null || bizRefPrefix.isBlank() || bizRefPrefix.length() > 128) {
            throw new ServiceException(CommonErrorCodes.VALIDATION_FAILED, "bizRefPrefix must be 1 to 128 characters");
        }
        if (limit < 1 || limit > 1000) {
            throw new ServiceException(CommonErrorCodes.VALIDATION_FAILED, "limit must be 1 to 1000");
        }
        if (afterId < 0) {
            throw new ServiceException(CommonErrorCodes.VALIDATION_FAILED, "afterId must be 0 or more");
        }
        // biz_ref is binary (V2__binary_identifiers): the match is exact, case and accents included, and uses its index
        return holdMapper.selectList(Wrappers.<HoldDO>lambdaQuery()
                        .apply("biz_ref LIKE {0} ESCAPE '!'", startsWith(bizRefPrefix))
                        .eq(status != null, HoldDO::getStatus, status).gt(HoldDO::getId, afterId)
                        .orderByAsc(HoldDO::getId).last("LIMIT " + limit))
                .stream().map(this::holdView).toList();
    }

    /** A LIKE pattern (escape character {@code !}) for the strings that start with {@code prefix} as written. */
    static String startsWith(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    public List<BalanceView> balances(OwnerType ownerType, String ownerId, String coin) {
        return accountMapper.selectList(Wrappers.<AccountDO>lambdaQuery()
                        .eq(AccountDO::getOwnerType, ownerType).eq(AccountDO::getOwnerId, ownerId)
                        .eq(coin != null, AccountDO::getCoin, coin)
                        .orderByAsc(AccountDO::getCoin, AccountDO::getKind))
                .stream().map(a -> new BalanceView(a.getId(), a.getOwnerType(), a.getOwnerId(), a.getCoin(), a.getKind(),
                        coins.display(a.getCoin(), a.getBalance())))
                .toList();
    }

    public PageResult<StatementEntry> statement(AccountRef address, PageParam paging) {
        AccountMeta account = accounts.find(address).orElseThrow(() -> new ServiceException(LedgerErrorCodes.ACCOUNT_NOT_FOUND));
        Page<StatementRowDO> page = new Page<>(paging.page(), paging.size());
        postingMapper.selectStatement(page, account.id());
        List<StatementEntry> entries = page.getRecords().stream().map(r -> new StatementEntry(r.getId(), r.getTxnId(),
                r.getTxnType(), r.getBizRef(), r.getMemo(), coins.display(r.getCoin(), r.getAmount()),
                coins.display(r.getCoin(), r.getBalanceAfter()), utc(r.getCreatedAt()))).toList();
        return new PageResult<>(entries, page.getTotal());
    }

    public HoldView hold(long holdId) {
        HoldDO h = holdMapper.selectById(holdId);
        if (h == null) {
            throw new ServiceException(LedgerErrorCodes.HOLD_NOT_FOUND);
        }
        return holdView(h);
    }

    private HoldView holdView(HoldDO h) {
        AccountMeta owner = accounts.byId(h.getSourceAccountId());
        String c = h.getCoin();
        return new HoldView(h.getId(), owner.ownerType(), owner.ownerId(), c, h.getPurpose(), h.getStatus(),
                coins.display(c, h.getAmount()), coins.display(c, h.getRemaining()), coins.display(c, h.getSettled()),
                coins.display(c, h.getReleased()), h.getCreatedTxnId(), h.getBizRef(), utc(h.getCreatedAt()), utc(h.getUpdatedAt()));
    }

    public FeeQuote quote(String coin, String bizType, String amountText) {
        int scale = coins.scale(coin);
        BigDecimal amount = Money.requirePositive("amount", Money.parse("amount", amountText), scale);
        FeeSplit split = FeeCalculator.split(fees.require(coin, bizType), amount, scale, true);
        return new FeeQuote(coin, bizType, amount, split.fee(), split.commission(), split.platformIncome(),
                split.roundingRemainder(), amount.subtract(split.fee()));
    }

    private TransactionView view(TxnDO txn) {
        return views(List.of(txn)).get(0);
    }

    /** The transactions with their postings, read in one query per {@value #IN_CHUNK} transactions (not one each). */
    private List<TransactionView> views(List<TxnDO> txns) {
        Map<Long, List<PostingView>> postings = new HashMap<>();
        List<Long> ids = txns.stream().map(TxnDO::getId).toList();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            postingMapper.selectList(Wrappers.<PostingDO>lambdaQuery()
                            .in(PostingDO::getTxnId, ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)))
                            .orderByAsc(PostingDO::getId))
                    .forEach(p -> {
                        AccountMeta a = accounts.byId(p.getAccountId());
                        postings.computeIfAbsent(p.getTxnId(), k -> new ArrayList<>()).add(new PostingView(a.id(),
                                a.ownerType(), a.ownerId(), a.coin(), a.kind(), coins.display(a.coin(), p.getAmount()),
                                coins.display(a.coin(), p.getBalanceAfter())));
                    });
        }
        return txns.stream().map(txn -> new TransactionView(txn.getId(), txn.getIdempotencyKey(), txn.getType(),
                txn.getBizRef(), txn.getMemo(), txn.getHoldId(), txn.getReversesTxnId(), txn.getReversedByTxnId(),
                utc(txn.getCreatedAt()), List.copyOf(postings.getOrDefault(txn.getId(), List.of())))).toList();
    }

    private static Instant utc(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
