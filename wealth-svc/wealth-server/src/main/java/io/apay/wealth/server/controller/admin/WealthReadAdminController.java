package io.apay.wealth.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.common.web.validation.EnumName;
import io.apay.wealth.server.controller.admin.vo.AccrualRunView;
import io.apay.wealth.server.controller.admin.vo.AdminAccrualView;
import io.apay.wealth.server.controller.admin.vo.AdminPositionView;
import io.apay.wealth.server.controller.admin.vo.FundingView;
import io.apay.wealth.server.service.accrual.AccrualRunStatus;
import io.apay.wealth.server.service.subscription.PositionStatus;
import io.apay.wealth.server.service.view.AdminReads;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators read what wealth-svc holds beyond the products: accrual runs, positions and their daily rewards, reward
 * pool fundings (docs/admin.md, "Wealth products"; the reconciliation runbook starts here).
 */
@RestController
@Validated
public class WealthReadAdminController {

    private static final String PRODUCTS = "/admin-api/wealth/products";
    private static final String POSITIONS = "/admin-api/wealth/positions";

    private final AdminReads reads;

    public WealthReadAdminController(AdminReads reads) {
        this.reads = reads;
    }

    @RequiresPermission(Permission.WEALTH_READ)
    @GetMapping(PRODUCTS + "/{productId}/accrual-runs")
    public ApiResult<PageResult<AccrualRunView>> accrualRuns(@PathVariable @Positive long productId,
                                                             @RequestParam(required = false) @EnumName(AccrualRunStatus.class) String status,
                                                             @Valid PageParam page) {
        return ApiResult.ok(reads.accrualRuns(productId, status, page));
    }

    @RequiresPermission(Permission.WEALTH_READ)
    @GetMapping(PRODUCTS + "/{productId}/fundings")
    public ApiResult<PageResult<FundingView>> fundings(@PathVariable @Positive long productId, @Valid PageParam page) {
        return ApiResult.ok(reads.fundings(productId, page));
    }

    @RequiresPermission(Permission.WEALTH_READ)
    @GetMapping(POSITIONS)
    public ApiResult<PageResult<AdminPositionView>> positions(@RequestParam(required = false) @Positive Long productId,
                                                              @RequestParam(required = false) @Positive Long userId,
                                                              @RequestParam(required = false) @EnumName(PositionStatus.class) String status,
                                                              @Valid PageParam page) {
        return ApiResult.ok(reads.positions(productId, userId, status, page));
    }

    @RequiresPermission(Permission.WEALTH_READ)
    @GetMapping(POSITIONS + "/{positionId}")
    public ApiResult<AdminPositionView> position(@PathVariable @Positive long positionId) {
        return ApiResult.ok(reads.position(positionId));
    }

    @RequiresPermission(Permission.WEALTH_READ)
    @GetMapping(POSITIONS + "/{positionId}/accruals")
    public ApiResult<PageResult<AdminAccrualView>> positionAccruals(@PathVariable @Positive long positionId, @Valid PageParam page) {
        return ApiResult.ok(reads.positionAccruals(positionId, page));
    }
}
