package io.apay.otc.api;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageResult;
import io.apay.otc.api.dto.CloseOrderRequest;
import io.apay.otc.api.dto.CreateOrderRequest;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.api.enums.OrderStatus;
import jakarta.validation.Valid;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/** Payment orders for merchant-api-svc, which answers merchants. */
@FeignClient(name = "otc-svc", contextId = "otcMerchantApi")
public interface OtcMerchantApi {

    String PREFIX = "/rpc-api/otc";

    /** Idempotent on (merchantNo, merchantOrderNo): a repeat answers the same order. */
    @PostMapping(PREFIX + "/orders")
    ApiResult<OrderView> create(@RequestBody @Valid CreateOrderRequest request);

    @GetMapping(PREFIX + "/orders/{orderNo}")
    ApiResult<OrderView> get(@RequestParam("merchantNo") String merchantNo, @PathVariable("orderNo") String orderNo);

    @GetMapping(PREFIX + "/orders/by-merchant-order-no")
    ApiResult<OrderView> getByMerchantOrderNo(@RequestParam("merchantNo") String merchantNo,
                                              @RequestParam("merchantOrderNo") String merchantOrderNo);

    /** Cancels an unpaid order; a repeat answers the cancelled order. */
    @PostMapping(PREFIX + "/orders/{orderNo}/close")
    ApiResult<OrderView> close(@PathVariable("orderNo") String orderNo, @RequestBody @Valid CloseOrderRequest request);

    /** Newest first; {@code status} optional. */
    @GetMapping(PREFIX + "/orders")
    ApiResult<PageResult<OrderView>> list(@RequestParam("merchantNo") String merchantNo,
                                          @RequestParam(value = "status", required = false) OrderStatus status,
                                          @RequestParam(value = "pageNo", required = false) Integer pageNo,
                                          @RequestParam(value = "pageSize", required = false) Integer pageSize);
}
