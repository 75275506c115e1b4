package io.apay.push.api.event;

import io.apay.common.mq.EventTopic;

/**
 * Events push-svc publishes (exchange {@code apay.push}) through its transactional outbox. Consumers de-duplicate
 * on the event id ({@code EventInbox}). Presence events may arrive out of order or late: apply one only if its
 * {@code (epoch, phase)} is greater than the last one applied for that acceptor, where phase is 0 for online and
 * 1 for offline (see {@link AcceptorPresenceRule}).
 */
public final class PushEvents {

    public static final String DOMAIN = "push";

    /** A monitor connected: the acceptor's ads accept orders. Payload {@link AcceptorOnlineEvent}. */
    public static final EventTopic ACCEPTOR_ONLINE = new EventTopic(DOMAIN, "acceptor.online");
    /** The monitor of that epoch is gone: the acceptor's ads pause. Payload {@link AcceptorOfflineEvent}. */
    public static final EventTopic ACCEPTOR_OFFLINE = new EventTopic(DOMAIN, "acceptor.offline");
    /** A monitor reported an incoming fiat payment (signed, de-duplicated). Payload {@link PaymentReceivedEvent}. */
    public static final EventTopic PAYMENT_RECEIVED = new EventTopic(DOMAIN, "payment.received");

    private PushEvents() {
    }
}
