package io.apay.merchant.controller.merchant;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.security.RequestIdentity;
import io.apay.merchant.controller.merchant.vo.PlaceOrderRequest;
import io.apay.merchant.controller.merchant.vo.TestCallbackRequest;
import io.apay.merchant.service.callback.CallbackService;
import io.apay.merchant.service.order.MerchantOrderService;
import io.apay.common.web.validation.EnumName;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.api.enums.OrderStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import io.apay.common.core.validation.PlainText;

/** The merchant API (docs/merchant-api.md); the gateway verified the merchant's signature and address. */
@RestController
@Validated
public class MerchantOrderController {

    private final MerchantOrderService orders;

    public MerchantOrderController(MerchantOrderService orders) {
        this.orders = orders;
    }

    @PostMapping("/merchant-api/orders")
    public ApiResult<OrderView> place(@Valid @RequestBody PlaceOrderRequest request) {
        return ApiResult.ok(orders.place(merchant(), request));
    }

    @GetMapping("/merchant-api/orders/{orderNo}")
    public ApiResult<OrderView> get(@PathVariable String orderNo) {
        return ApiResult.ok(orders.get(merchant(), orderNo));
    }

    /** With {@code merchantOrderNo}: that one order; without: the merchant's orders, newest first. */
    @GetMapping("/merchant-api/orders")
    public ApiResult<?> find(@RequestParam(required = false) String merchantOrderNo, @RequestParam(required = false) @EnumName(OrderStatus.class) String status,
                             @Valid PageParam page) {
        if (merchantOrderNo != null) {
            return ApiResult.ok(orders.getByMerchantOrderNo(merchant(), merchantOrderNo));
        }
        PageResult<OrderView> list = orders.list(merchant(), status, page);
        return ApiResult.ok(list);
    }

    @PostMapping("/merchant-api/orders/{orderNo}/close")
    public ApiResult<OrderView> close(@PathVariable String orderNo, @RequestParam(required = false) @Size(max = 255) @PlainText String reason) {
        return ApiResult.ok(orders.close(merchant(), orderNo, reason));
    }

    @GetMapping("/merchant-api/orders/{orderNo}/callbacks")
    public ApiResult<List<CallbackService.Delivery>> callbacks(@PathVariable String orderNo) {
        return ApiResult.ok(orders.callbacks(merchant(), orderNo));
    }

    @PostMapping("/merchant-api/orders/{orderNo}/callbacks/redeliver")
    public ApiResult<List<CallbackService.Delivery>> redeliver(@PathVariable String orderNo) {
        return ApiResult.ok(orders.redeliver(merchant(), orderNo));
    }

    @PostMapping("/merchant-api/callbacks/test")
    public ApiResult<CallbackService.Delivery> testCallback(@Valid @RequestBody TestCallbackRequest request) {
        return ApiResult.ok(orders.testCallback(merchant(), request.notifyUrl()));
    }

    private static String merchant() {
        return RequestIdentity.merchantId().orElseThrow(() -> new ServiceException(CommonErrorCodes.UNAUTHORIZED));
    }
}
