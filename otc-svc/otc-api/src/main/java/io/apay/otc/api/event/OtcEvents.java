package io.apay.otc.api.event;

import io.apay.common.mq.EventTopic;

/** Events otc-svc publishes (exchange {@code apay.otc}) through its transactional outbox. */
public final class OtcEvents {

    public static final String DOMAIN = "otc";

    /** Payload {@link OrderStatusEvent}; routing key {@code order.<status in lower case>}. */
    public static EventTopic orderStatus(String status) {
        return new EventTopic(DOMAIN, "order." + status.toLowerCase());
    }

    /** Every order status event, for a consumer's binding. */
    public static final EventTopic ANY_ORDER_STATUS = new EventTopic(DOMAIN, "order.*");

    private OtcEvents() {
    }
}
