package io.apay.otc.server.controller.rpc;

import io.apay.common.core.result.ApiResult;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.otc.api.OtcMerchantApi;
import io.apay.otc.api.dto.CloseOrderRequest;
import io.apay.otc.api.dto.CreateOrderRequest;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.server.service.OrderService;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
public class OtcRpcController implements OtcMerchantApi {

    private final OrderService orders;

    public OtcRpcController(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public ApiResult<OrderView> create(CreateOrderRequest request) {
        return ApiResult.ok(orders.create(request));
    }

    @Override
    public ApiResult<OrderView> get(String merchantNo, String orderNo) {
        return ApiResult.ok(orders.get(merchantNo, orderNo));
    }

    @Override
    public ApiResult<OrderView> getByMerchantOrderNo(String merchantNo, String merchantOrderNo) {
        return ApiResult.ok(orders.getByMerchantOrderNo(merchantNo, merchantOrderNo));
    }

    @Override
    public ApiResult<OrderView> close(String orderNo, CloseOrderRequest request) {
        return ApiResult.ok(orders.close(request.merchantNo(), orderNo));
    }

    @Override
    public ApiResult<PageResult<OrderView>> list(String merchantNo, OrderStatus status, Integer pageNo, Integer pageSize) {
        return ApiResult.ok(orders.list(merchantNo, status, null, new PageParam(pageNo, pageSize == null ? null : Math.min(pageSize, 100))));
    }
}
