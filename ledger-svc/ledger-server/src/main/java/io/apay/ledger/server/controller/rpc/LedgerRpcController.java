package io.apay.ledger.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.ledger.server.controller.PagingRules;
import io.apay.common.core.result.PageResult;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.dto.BizRefsRequest;
import io.apay.ledger.api.dto.CoinView;
import io.apay.ledger.api.dto.CreditRequest;
import io.apay.ledger.api.dto.FeeQuote;
import io.apay.ledger.api.dto.HoldRequest;
import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.ReconcileRequest;
import io.apay.ledger.api.dto.ReconciliationReport;
import io.apay.ledger.api.dto.ReleaseHoldRequest;
import io.apay.ledger.api.dto.ReverseRequest;
import io.apay.ledger.api.dto.SettleHoldRequest;
import io.apay.ledger.api.dto.StatementEntry;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.TransferRequest;
import io.apay.ledger.api.dto.VoidKeyRequest;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.server.service.CoinRegistry;
import io.apay.ledger.server.service.LedgerCommandService;
import io.apay.ledger.server.service.LedgerQueryService;
import io.apay.ledger.server.service.ReconciliationService;
import java.util.List;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal Feign API ({@link LedgerApi}); validates and delegates. Request bodies are validated by their
 * {@code @Valid} annotations in {@link LedgerApi}; the class is not {@code @Validated}, which would wrap every
 * call in a method-validation proxy on the hot path for nothing.
 */
@RestController
public class LedgerRpcController implements LedgerApi {

    private final LedgerCommandService commands;
    private final LedgerQueryService queries;
    private final ReconciliationService reconciliation;
    private final CoinRegistry coins;

    public LedgerRpcController(LedgerCommandService commands, LedgerQueryService queries,
                               ReconciliationService reconciliation, CoinRegistry coins) {
        this.commands = commands;
        this.queries = queries;
        this.reconciliation = reconciliation;
        this.coins = coins;
    }

    @Override
    public ApiResult<TransactionView> transfer(TransferRequest request) {
        return ApiResult.ok(commands.transfer(request));
    }

    @Override
    public ApiResult<TransactionView> credit(CreditRequest request) {
        return ApiResult.ok(commands.credit(request));
    }

    @Override
    public ApiResult<TransactionView> hold(HoldRequest request) {
        return ApiResult.ok(commands.hold(request));
    }

    @Override
    public ApiResult<TransactionView> settle(long holdId, SettleHoldRequest request) {
        return ApiResult.ok(commands.settle(holdId, request));
    }

    @Override
    public ApiResult<TransactionView> release(long holdId, ReleaseHoldRequest request) {
        return ApiResult.ok(commands.release(holdId, request));
    }

    @Override
    public ApiResult<TransactionView> reverse(long txnId, ReverseRequest request) {
        return ApiResult.ok(commands.reverse(txnId, request));
    }

    @Override
    public ApiResult<TransactionView> voidKey(VoidKeyRequest request) {
        return ApiResult.ok(commands.voidKey(request));
    }

    @Override
    public ApiResult<HoldView> getHold(long holdId) {
        return ApiResult.ok(queries.hold(holdId));
    }

    @Override
    public ApiResult<List<BalanceView>> balances(OwnerType ownerType, String ownerId, String coin) {
        return ApiResult.ok(queries.balances(ownerType, ownerId, coin));
    }

    @Override
    public ApiResult<PageResult<StatementEntry>> statement(OwnerType ownerType, String ownerId, String coin, AccountKind kind,
                                                           Integer pageNo, Integer pageSize) {
        return ApiResult.ok(queries.statement(AccountRef.of(ownerType, ownerId, coin, kind), PagingRules.page(pageNo, pageSize)));
    }

    @Override
    public ApiResult<TransactionView> getTransaction(long txnId) {
        return ApiResult.ok(queries.transaction(txnId));
    }

    @Override
    public ApiResult<TransactionView> getTransactionByKey(String idempotencyKey) {
        return ApiResult.ok(queries.transactionByKey(idempotencyKey));
    }

    @Override
    public ApiResult<List<TransactionView>> findTransactions(String bizRef) {
        return ApiResult.ok(queries.transactionsByBizRef(bizRef));
    }

    @Override
    public ApiResult<List<HoldView>> listHolds(String bizRefPrefix, HoldStatus status, long afterId, int limit) {
        return ApiResult.ok(queries.holds(bizRefPrefix, status, afterId, limit));
    }

    @Override
    public ApiResult<List<TransactionView>> findTransactionsByBizRefs(BizRefsRequest request) {
        return ApiResult.ok(queries.transactionsByBizRefs(request.bizRefs()));
    }

    @Override
    public ApiResult<FeeQuote> quoteFee(String coin, String bizType, String amount) {
        return ApiResult.ok(queries.quote(coin, bizType, amount));
    }

    @Override
    public ApiResult<List<CoinView>> coins() {
        return ApiResult.ok(coins.list());
    }

    @Override
    public ApiResult<ReconciliationReport> reconcile(ReconcileRequest request) {
        return ApiResult.ok(reconciliation.run(request.trigger()));
    }
}
