package io.apay.merchant.service.callback;

import io.apay.otc.api.dto.OrderView;
import io.apay.otc.api.event.OrderStatusEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Which order events a merchant is told about, and what the callback says (docs/merchant-api.md). */
@Service
public class OrderCallbacks {

    /** The states an order ends in: each is one callback. */
    static final Set<String> TERMINAL = Set.of("COMPLETED", "EXPIRED", "CANCELLED", "REFUNDED");

    private final CallbackService callbacks;

    public OrderCallbacks(CallbackService callbacks) {
        this.callbacks = callbacks;
    }

    public void onOrderStatus(OrderStatusEvent event) {
        OrderView o = event.order();
        if (TERMINAL.contains(o.status())) {
            callbacks.enqueue(o.merchantNo(), o.orderNo(), "ORDER_" + o.status(), event.notifyUrl(), fields(o));
        }
    }

    /** The order as the callback body shows it (money as decimal strings). */
    public static Map<String, Object> fields(OrderView o) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("orderNo", o.orderNo());
        f.put("merchantOrderNo", o.merchantOrderNo());
        f.put("status", o.status());
        f.put("fiatCurrency", o.fiatCurrency());
        f.put("fiatAmount", o.fiatAmount());
        f.put("payableAmount", o.payableAmount());
        f.put("coin", o.coin());
        f.put("coinAmount", o.coinAmount());
        f.put("merchantCoinAmount", o.merchantCoinAmount());
        f.put("feeCoinAmount", o.feeCoinAmount());
        f.put("paidAt", o.paidAt());
        f.put("completedAt", o.completedAt());
        f.put("closedAt", o.closedAt());
        return f;
    }
}
