package io.apay.merchant.service.order;

import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.merchant.controller.merchant.vo.PlaceOrderRequest;
import io.apay.merchant.service.callback.CallbackService;
import io.apay.otc.api.OtcMerchantApi;
import io.apay.otc.api.dto.CloseOrderRequest;
import io.apay.otc.api.dto.CreateOrderRequest;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.api.enums.OrderStatus;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The merchant's view of payment orders (which otc-svc keeps) and of its callbacks. Every call is scoped to the
 * merchant the gateway verified.
 */
@Service
public class MerchantOrderService {

    private final OtcMerchantApi otc;
    private final CallbackService callbacks;

    public MerchantOrderService(OtcMerchantApi otc, CallbackService callbacks) {
        this.otc = otc;
        this.callbacks = callbacks;
    }

    public OrderView place(String merchantNo, PlaceOrderRequest r) {
        return otc.create(new CreateOrderRequest(merchantNo, r.merchantOrderNo(), r.fiatAmount(), r.fiatCurrency(), r.coin(),
                r.channel(), r.notifyUrl(), r.returnUrl(), r.expireMinutes())).checkedData();
    }

    public OrderView get(String merchantNo, String orderNo) {
        return otc.get(merchantNo, orderNo).checkedData();
    }

    public OrderView getByMerchantOrderNo(String merchantNo, String merchantOrderNo) {
        return otc.getByMerchantOrderNo(merchantNo, merchantOrderNo).checkedData();
    }

    public OrderView close(String merchantNo, String orderNo, String reason) {
        return otc.close(orderNo, new CloseOrderRequest(merchantNo, reason)).checkedData();
    }

    public PageResult<OrderView> list(String merchantNo, String status, PageParam page) {
        return otc.list(merchantNo, status == null ? null : OrderStatus.valueOf(status), page.page(), page.size()).checkedData();
    }

    public List<CallbackService.Delivery> callbacks(String merchantNo, String orderNo) {
        get(merchantNo, orderNo); // 404 unless it is this merchant's order
        return callbacks.deliveriesOf(merchantNo, orderNo);
    }

    public List<CallbackService.Delivery> redeliver(String merchantNo, String orderNo) {
        return callbacks(merchantNo, orderNo).stream().map(d -> callbacks.redeliver(callbacks.idOf(merchantNo, d.id()))).toList();
    }

    /** A TEST callback to {@code notifyUrl} now; answers the delivery with its one attempt (never retried). */
    public CallbackService.Delivery testCallback(String merchantNo, String notifyUrl) {
        // recorded, then attempted here (not on the pool): the answer carries this attempt
        long id = callbacks.record(merchantNo, null, CallbackService.TEST_EVENT, notifyUrl, Map.of("message", "apay test callback"));
        callbacks.attemptIfDue(id);
        return callbacks.delivery(id);
    }
}
