package io.apay.wealth.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.wealth.api.WealthJobsApi;
import io.apay.wealth.api.dto.AccrualReport;
import io.apay.wealth.server.service.recovery.DailyAccrual;
import io.apay.wealth.server.service.recovery.WealthRecovery;
import java.time.LocalDate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** job-svc's daily accrual and the recovery of intents (docs/wealth.md, "Operations"). */
@RestController
@Validated
public class WealthJobsRpcController implements WealthJobsApi {

    private final DailyAccrual daily;
    private final WealthRecovery recovery;

    public WealthJobsRpcController(DailyAccrual daily, WealthRecovery recovery) {
        this.daily = daily;
        this.recovery = recovery;
    }

    @Override
    public ApiResult<AccrualReport> accrue(LocalDate through) {
        return ApiResult.ok(daily.run(through));
    }

    @Override
    public ApiResult<Integer> recover(int limit) {
        return ApiResult.ok(recovery.recover(limit));
    }
}
