package io.apay.merchant.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.merchant.service.callback.CallbackService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** job-svc's callback retry job calls this every few seconds; its cross-service reconciliation reads recorded events. */
@RestController
@Validated
public class CallbackRpcController {

    private final CallbackService callbacks;

    public CallbackRpcController(CallbackService callbacks) {
        this.callbacks = callbacks;
    }

    @PostMapping("/rpc-api/merchant/callbacks/deliver-due")
    public ApiResult<Integer> deliverDue(@RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return ApiResult.ok(callbacks.deliverDue(limit));
    }

    /** For each order number (1-500), the callback event types recorded (ORDER_COMPLETED, ...); orders without any are left out. */
    @PostMapping("/rpc-api/merchant/callbacks/recorded-events")
    public ApiResult<Map<String, List<String>>> recordedEvents(@Valid @RequestBody RecordedEventsRequest request) {
        return ApiResult.ok(callbacks.recordedEvents(request.orderNos()));
    }
}
