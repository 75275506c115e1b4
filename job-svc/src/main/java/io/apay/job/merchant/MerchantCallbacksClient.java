package io.apay.job.merchant;

import io.apay.common.core.result.ApiResult;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** merchant-api-svc's internal endpoint that sends due callbacks (it has no -api module: job-svc is its only caller). */
@FeignClient(name = "merchant-api-svc", contextId = "merchantCallbacks")
public interface MerchantCallbacksClient {

    @PostMapping("/rpc-api/merchant/callbacks/deliver-due")
    ApiResult<Integer> deliverDue(@RequestParam("limit") int limit);
}
