package io.apay.merchant.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.merchant.service.payout.PayoutRecovery;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** job-svc's payout recovery job calls this every few seconds: payouts whose wallet call had an unknown outcome. */
@RestController
@Validated
public class PayoutRpcController {

    private final PayoutRecovery recovery;

    public PayoutRpcController(PayoutRecovery recovery) {
        this.recovery = recovery;
    }

    /** Hands up to {@code limit} stale REQUESTING payouts to the wallet again; answers how many it tried. */
    @PostMapping("/rpc-api/merchant/payouts/recover")
    public ApiResult<Integer> recover(@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return ApiResult.ok(recovery.recover(limit));
    }
}
