package io.apay.otc.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.otc.api.OtcJobsApi;
import io.apay.otc.server.service.OrderService;
import io.apay.otc.server.service.IntentRecovery;
import io.apay.otc.server.service.StaleAdService;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

/** What job-svc's scheduled jobs call, each once per tick across replicas. Every one is idempotent. */
@RestController
@Validated
public class OtcJobsRpcController implements OtcJobsApi {

    private final OrderService orders;
    private final IntentRecovery recovery;
    private final StaleAdService staleAds;

    public OtcJobsRpcController(OrderService orders, IntentRecovery recovery, StaleAdService staleAds) {
        this.orders = orders;
        this.recovery = recovery;
        this.staleAds = staleAds;
    }

    @Override
    public ApiResult<Integer> expireOrders(int limit) {
        return ApiResult.ok(orders.expireDue(limit));
    }

    @Override
    public ApiResult<Integer> recover(int limit) {
        return ApiResult.ok(recovery.recover(limit));
    }

    @Override
    public ApiResult<Integer> staleAds() {
        return ApiResult.ok(staleAds.pauseStale());
    }
}
