package io.apay.push.api.message;

import io.apay.common.mq.EventTopic;

/**
 * How another service sends an acceptor's monitor a message: publish the payload through the service's own
 * transactional outbox to one of these topics (exchange {@code apay.push}; declare it with
 * {@code MqTopology.publisher(names, PushMessages.DOMAIN)}). push-svc stores it, then delivers it through RabbitMQ to
 * the replica holding the acceptor's socket, only to the connection of the current epoch. A message for an acceptor
 * that is offline, or that the monitor has not acknowledged, is delivered again when a monitor connects, until it
 * expires. The event id of the outbox row is the message id the monitor acknowledges.
 */
public final class PushMessages {

    public static final String DOMAIN = "push";

    /** Payload {@link OrderAssignedMessage}: the monitor watches for this payable amount on this channel. */
    public static final EventTopic ORDER_ASSIGNED = new EventTopic(DOMAIN, "send.order.assigned");
    /** Payload {@link OrderClosedMessage}: the monitor stops watching for the order. */
    public static final EventTopic ORDER_CLOSED = new EventTopic(DOMAIN, "send.order.closed");

    private PushMessages() {
    }
}
