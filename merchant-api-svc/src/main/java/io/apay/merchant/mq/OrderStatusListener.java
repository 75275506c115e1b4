package io.apay.merchant.mq;

import io.apay.common.mq.EventInbox;
import io.apay.merchant.config.CallbackConfig;
import io.apay.merchant.service.callback.OrderCallbacks;
import io.apay.otc.api.event.OrderStatusEvent;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Every order status otc-svc publishes becomes (once) a callback to the merchant. */
@Component
public class OrderStatusListener {

    private final EventInbox inbox;
    private final OrderCallbacks callbacks;

    public OrderStatusListener(EventInbox inbox, OrderCallbacks callbacks) {
        this.inbox = inbox;
        this.callbacks = callbacks;
    }

    @RabbitListener(queues = "#{mqNames.queue('" + CallbackConfig.ORDER_STATUS_QUEUE + "')}")
    public void on(Message message) {
        // a callback is recorded once per merchant, order and event type (its unique key): a redelivery records nothing
        // (at most it makes an attempt that is due anyway, under the same lease as every attempt)
        inbox.consumeKeyed(message, OrderStatusEvent.class, e -> {
            callbacks.onOrderStatus(e);
            return null;
        });
    }
}
