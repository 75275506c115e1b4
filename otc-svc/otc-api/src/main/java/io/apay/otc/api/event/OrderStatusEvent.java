package io.apay.otc.api.event;

import io.apay.otc.api.dto.OrderView;

/**
 * An order reached a state the merchant must hear about (COMPLETED, EXPIRED, CANCELLED, REFUNDED). merchant-api-svc
 * turns each into a signed callback to {@code notifyUrl}.
 */
public record OrderStatusEvent(OrderView order, String notifyUrl) {
}
