package io.apay.wealth.server.controller.app;

import io.apay.common.core.result.ApiResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.wealth.server.service.redemption.RedemptionService;
import io.apay.wealth.server.service.redemption.RedemptionView;
import jakarta.validation.constraints.Positive;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The app user redeems one of their positions (docs/wealth.md, "Redemption"). */
@RestController
@Validated
public class RedemptionController {

    private final RedemptionService redemptions;

    public RedemptionController(RedemptionService redemptions) {
        this.redemptions = redemptions;
    }

    @PostMapping("/app-api/wealth/positions/{positionId}/redeem")
    public ApiResult<RedemptionView> redeem(@PathVariable @Positive long positionId) {
        return ApiResult.ok(redemptions.redeem(RequestIdentity.requireUserId(), positionId));
    }
}
