package io.apay.wealth.api;

import io.apay.common.core.result.ApiResult;
import io.apay.wealth.api.dto.AccrualReport;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The scheduled work job-svc asks wealth-svc to do (docs/wealth.md); every call is idempotent and answers what it did. */
@FeignClient(name = "wealth-svc", contextId = "wealthJobsApi")
public interface WealthJobsApi {

    String PREFIX = "/rpc-api/wealth/jobs";

    /**
     * Accrues every product, day by day in order, from the day after the last one it accrued up to {@code through}
     * (a UTC date that has ended by wealth-svc's clock, else {@link WealthErrorCodes#DAY_NOT_ENDED}): days missed
     * during an outage are accrued once each. A day already accrued is not touched again, so a re-run changes
     * nothing. A product whose reward pool cannot pay a day stops there (reported in {@code stalledProducts}) until
     * it is funded. Then starts the auto-redemption of every fixed-term position that has matured.
     */
    @PostMapping(PREFIX + "/accrual")
    ApiResult<AccrualReport> accrue(@RequestParam("through") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate through);

    /**
     * Drives every intent older than the recovery threshold to its end with the same key (docs/development.md, "One
     * pattern"): subscriptions SUBSCRIBING, redemptions REDEEMING, reward fundings PENDING, accrual runs CALCULATED.
     * Answers how many it drove.
     */
    @PostMapping(PREFIX + "/recover")
    ApiResult<Integer> recover(@RequestParam("limit") @Min(1) @Max(1000) int limit);
}
