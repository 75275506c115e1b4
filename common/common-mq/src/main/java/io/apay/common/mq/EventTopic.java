package io.apay.common.mq;

/**
 * Where an event goes: the publishing domain's exchange ({@code apay.<domain>}) and a routing key that also names
 * the event type, e.g. {@code new EventTopic("push", "payment.received")}. Declared as constants in the
 * publisher's {@code -api} module, next to the event's payload class.
 */
public record EventTopic(String domain, String routingKey) {
}
