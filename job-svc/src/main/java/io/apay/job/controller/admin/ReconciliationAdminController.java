package io.apay.job.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.core.validation.PlainText;
import io.apay.common.web.security.RequiresPermission;
import io.apay.job.recon.ReconRun;
import io.apay.job.recon.ReconciliationService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators: cross-service reconciliation runs (docs/reconciliation.md). */
@RestController
@Validated
@RequestMapping("/admin-api/job/reconciliation")
@RequiresPermission(Permission.RECONCILIATION_READ)
@Tag(name = "reconciliation", description = "cross-service reconciliation of otc-svc, the ledger and merchant callbacks")
public class ReconciliationAdminController {

    /**
     * The optional body of a run: check orders that ended since this instant (default: the last 25 hours), and why the
     * operator runs it (optional, as a run changes nothing; recorded in the op-log when given).
     */
    public record RunRequest(Instant since, @Size(max = 255) @PlainText String reason) {
    }

    private final ReconciliationService reconciliation;

    public ReconciliationAdminController(ReconciliationService reconciliation) {
        this.reconciliation = reconciliation;
    }

    @RequiresPermission(Permission.RECONCILIATION_RUN)
    @PostMapping("/runs")
    @Operation(summary = "reconcile now, store the run and answer it with its discrepancies")
    public ApiResult<ReconRun> run(@Valid @RequestBody(required = false) RunRequest request) {
        return ApiResult.ok(request == null ? reconciliation.runByOperator(null, null)
                : reconciliation.runByOperator(request.since(), request.reason()));
    }

    @GetMapping("/runs")
    @Operation(summary = "runs, newest first (without their discrepancies)")
    public ApiResult<PageResult<ReconRun>> runs(@Valid PageParam page) {
        return ApiResult.ok(reconciliation.runs(page));
    }

    @GetMapping("/runs/{runId}")
    @Operation(summary = "one run with its discrepancies")
    public ApiResult<ReconRun> get(@PathVariable long runId) {
        return ApiResult.ok(reconciliation.get(runId));
    }
}
