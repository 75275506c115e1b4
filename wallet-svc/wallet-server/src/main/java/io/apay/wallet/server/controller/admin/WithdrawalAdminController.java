package io.apay.wallet.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.common.web.validation.EnumName;
import io.apay.wallet.api.dto.WithdrawalView;
import io.apay.wallet.api.enums.WithdrawalStatus;
import io.apay.wallet.server.controller.admin.vo.ReasonRequest;
import io.apay.wallet.server.service.WithdrawalService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators: withdrawals and payouts, and the risk review of those above the review threshold. */
@RestController
@Validated
public class WithdrawalAdminController {

    private final WithdrawalService withdrawals;

    public WithdrawalAdminController(WithdrawalService withdrawals) {
        this.withdrawals = withdrawals;
    }

    @RequiresPermission(Permission.WALLET_READ)
    @GetMapping("/admin-api/wallet/withdrawals")
    public ApiResult<PageResult<WithdrawalView>> list(@RequestParam(required = false) @EnumName(WithdrawalStatus.class) String status,
                                                      @RequestParam(required = false) @Pattern(regexp = "[A-Z]{2,16}:[A-Za-z0-9._-]{1,64}") String ownerRef,
                                                      @Valid PageParam page) {
        return ApiResult.ok(withdrawals.list(ownerRef, status, page));
    }

    @RequiresPermission(Permission.WITHDRAWAL_REVIEW)
    @PostMapping("/admin-api/wallet/withdrawals/{withdrawalNo}/approve")
    public ApiResult<WithdrawalView> approve(@PathVariable @Pattern(regexp = "W[0-9]{1,19}") String withdrawalNo,
                                             @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(withdrawals.approve(withdrawalNo, r.reason()));
    }

    @RequiresPermission(Permission.WITHDRAWAL_REVIEW)
    @PostMapping("/admin-api/wallet/withdrawals/{withdrawalNo}/reject")
    public ApiResult<WithdrawalView> reject(@PathVariable @Pattern(regexp = "W[0-9]{1,19}") String withdrawalNo,
                                            @Valid @RequestBody ReasonRequest r) {
        return ApiResult.ok(withdrawals.reject(withdrawalNo, r.reason()));
    }
}
