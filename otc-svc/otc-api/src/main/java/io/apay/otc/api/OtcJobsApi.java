package io.apay.otc.api;

import io.apay.common.core.result.ApiResult;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The scheduled work job-svc asks otc-svc to do; every call is idempotent and answers how much it did. */
@FeignClient(name = "otc-svc", contextId = "otcJobsApi")
public interface OtcJobsApi {

    /** Expires unpaid orders past their time: coin back to the ad, payable amount freed, merchant told. */
    @PostMapping("/rpc-api/otc/jobs/expire-orders")
    ApiResult<Integer> expireOrders(@RequestParam("limit") @Min(1) @Max(1000) int limit);

    /**
     * Drives every intent older than the recovery threshold to its end: ads OPENING or CLOSING, acceptors APPROVING
     * or LEAVING, orders PAID (settlement), each by calling its step again with the same idempotency key.
     */
    @PostMapping("/rpc-api/otc/jobs/recover")
    ApiResult<Integer> recover(@RequestParam("limit") @Min(1) @Max(1000) int limit);

    /** Pauses ads that are used up or whose acceptor has long been offline. */
    @PostMapping("/rpc-api/otc/jobs/stale-ads")
    ApiResult<Integer> staleAds();
}
