package io.apay.job.merchant;

import io.apay.common.core.result.ApiResult;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** merchant-api-svc's internal job endpoints (it has no -api module: job-svc is its only caller). */
@FeignClient(name = "merchant-api-svc", contextId = "merchantCallbacks")
public interface MerchantCallbacksClient {

    @PostMapping("/rpc-api/merchant/callbacks/deliver-due")
    ApiResult<Integer> deliverDue(@RequestParam("limit") int limit);

    /** Re-drives payouts whose call to wallet-svc had an unknown outcome; answers how many it looked at. */
    @PostMapping("/rpc-api/merchant/payouts/recover")
    ApiResult<Integer> recoverPayouts(@RequestParam("limit") int limit);

    /** For each order number (1-500), the callback event types recorded (ORDER_COMPLETED, ...); orders without any are left out. */
    @PostMapping("/rpc-api/merchant/callbacks/recorded-events")
    ApiResult<Map<String, List<String>>> recordedEvents(@RequestBody RecordedEventsRequest request);

    record RecordedEventsRequest(List<String> orderNos) {
    }
}
