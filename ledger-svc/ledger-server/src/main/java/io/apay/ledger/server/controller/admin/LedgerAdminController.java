package io.apay.ledger.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageResult;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.dto.CoinView;
import io.apay.ledger.api.dto.FeeScheduleView;
import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.ReconciliationReport;
import io.apay.ledger.api.dto.StatementEntry;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.server.controller.PagingRules;
import io.apay.ledger.server.service.CoinRegistry;
import io.apay.ledger.server.service.LedgerQueryService;
import io.apay.ledger.server.service.ReconciliationService;
import io.apay.ledger.server.service.fee.FeeScheduleService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.ledger.server.service.AdminCreditService;
import io.apay.ledger.server.controller.admin.vo.AdminCreditRequest;
import io.apay.ledger.server.controller.admin.vo.ReconcileAdminRequest;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * The operators' API of the ledger: reading (any operator), running a reconciliation, and crediting an owner by
 * hand (finance only; every credit says why and is in the op-log with the balance before and after).
 */
@RestController
@Validated
@RequestMapping("/admin-api/ledger")
@RequiresPermission(Permission.LEDGER_READ)
@Tag(name = "ledger admin", description = "balances, statements, transactions, holds, reconciliation")
public class LedgerAdminController {

    private final LedgerQueryService queries;
    private final ReconciliationService reconciliation;
    private final FeeScheduleService fees;
    private final CoinRegistry coins;
    private final AdminCreditService credits;

    public LedgerAdminController(LedgerQueryService queries, ReconciliationService reconciliation,
                                 FeeScheduleService fees, CoinRegistry coins, AdminCreditService credits) {
        this.queries = queries;
        this.reconciliation = reconciliation;
        this.fees = fees;
        this.coins = coins;
        this.credits = credits;
    }

    /** An operator credit (adjustment) from the platform's FUNDING account; {@code requestId} makes it idempotent. */
    @RequiresPermission(Permission.LEDGER_CREDIT)
    @PostMapping("/credits")
    public ApiResult<TransactionView> credit(@Valid @RequestBody AdminCreditRequest request) {
        return ApiResult.ok(credits.credit(request));
    }

    @GetMapping("/balances")
    @Operation(summary = "every account of an owner (of one coin, if given)")
    public ApiResult<List<BalanceView>> balances(@RequestParam OwnerType ownerType, @RequestParam String ownerId,
                                                 @RequestParam(required = false) String coin) {
        return ApiResult.ok(queries.balances(ownerType, ownerId, coin));
    }

    @GetMapping("/statement")
    @Operation(summary = "the postings of one account, newest first")
    public ApiResult<PageResult<StatementEntry>> statement(@RequestParam OwnerType ownerType, @RequestParam String ownerId,
                                                           @RequestParam String coin, @RequestParam AccountKind kind,
                                                           @RequestParam(required = false) Integer pageNo,
                                                           @RequestParam(required = false) Integer pageSize) {
        return ApiResult.ok(queries.statement(AccountRef.of(ownerType, ownerId, coin, kind), PagingRules.page(pageNo, pageSize)));
    }

    @GetMapping("/transactions/{txnId}")
    public ApiResult<TransactionView> transaction(@PathVariable long txnId) {
        return ApiResult.ok(queries.transaction(txnId));
    }

    @GetMapping("/transactions/by-key")
    public ApiResult<TransactionView> transactionByKey(@RequestParam String idempotencyKey) {
        return ApiResult.ok(queries.transactionByKey(idempotencyKey));
    }

    @GetMapping("/transactions")
    @Operation(summary = "transactions with a business reference, oldest first (at most 100)")
    public ApiResult<List<TransactionView>> transactions(@RequestParam String bizRef) {
        return ApiResult.ok(queries.transactionsByBizRef(bizRef));
    }

    @GetMapping("/holds/{holdId}")
    public ApiResult<HoldView> hold(@PathVariable long holdId) {
        return ApiResult.ok(queries.hold(holdId));
    }

    @GetMapping("/fee-schedules")
    public ApiResult<List<FeeScheduleView>> feeSchedules() {
        return ApiResult.ok(fees.list());
    }

    @GetMapping("/coins")
    public ApiResult<List<CoinView>> coins() {
        return ApiResult.ok(coins.list());
    }

    @GetMapping("/reconciliation/runs")
    @Operation(summary = "reconciliation runs, newest first")
    public ApiResult<PageResult<ReconciliationReport>> reconciliationRuns(@RequestParam(required = false) Integer pageNo,
                                                                          @RequestParam(required = false) Integer pageSize) {
        return ApiResult.ok(reconciliation.runs(PagingRules.page(pageNo, pageSize)));
    }

    @RequiresPermission(Permission.RECONCILIATION_RUN) // records a run and an op-log row: a write, like job-svc's run-now
    @PostMapping("/reconciliation/runs")
    @Operation(summary = "check every invariant now and record the run")
    public ApiResult<ReconciliationReport> reconcile(@Valid @RequestBody(required = false) ReconcileAdminRequest request) {
        return ApiResult.ok(reconciliation.runByOperator(request == null ? null : request.reason()));
    }
}
