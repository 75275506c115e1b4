package io.apay.wealth.server.controller.admin;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.security.Permission;
import io.apay.common.web.security.RequiresPermission;
import io.apay.wealth.server.controller.admin.vo.FundingRequest;
import io.apay.wealth.server.controller.admin.vo.FundingView;
import io.apay.wealth.server.service.funding.FundingService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Operators fund a product's reward pool (docs/wealth.md, "Reward pools"). */
@RestController
@Validated
public class FundingAdminController {

    private final FundingService fundings;

    public FundingAdminController(FundingService fundings) {
        this.fundings = fundings;
    }

    @RequiresPermission(Permission.WEALTH_FUND)
    @PostMapping("/admin-api/wealth/products/{productId}/funding")
    public ApiResult<FundingView> fund(@PathVariable @Positive long productId, @Valid @RequestBody FundingRequest request) {
        return ApiResult.ok(fundings.fund(productId, request));
    }
}
