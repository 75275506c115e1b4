package io.apay.push.server.mq;

import io.apay.common.mq.EventInbox;
import io.apay.push.api.message.OrderAssignedMessage;
import io.apay.push.api.message.OrderClosedMessage;
import io.apay.push.api.message.PushMessages;
import io.apay.push.server.config.PushMqConfig;
import io.apay.push.server.dal.dataobject.AcceptorMessageDO;
import io.apay.push.server.service.message.AcceptorMessageService;
import io.apay.push.server.service.session.MonitorSessionService;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Messages other services send to acceptors' monitors: stored once per event id (the message's unique key), then
 * routed to the replica holding the acceptor's live connection.
 */
@Component
public class AcceptorMessageListener {

    private final EventInbox inbox;
    private final AcceptorMessageService messages;
    private final MonitorSessionService sessions;

    public AcceptorMessageListener(EventInbox inbox, AcceptorMessageService messages, MonitorSessionService sessions) {
        this.inbox = inbox;
        this.messages = messages;
        this.sessions = sessions;
    }

    @RabbitListener(queues = "#{mqNames.queue('" + PushMqConfig.ACCEPTOR_MESSAGES_QUEUE + "')}")
    public void on(Message message) {
        String eventId = message.getMessageProperties().getMessageId();
        String type = message.getMessageProperties().getReceivedRoutingKey();
        // the event id is the stored message's unique key: a redelivery stores nothing and is not routed again
        AcceptorMessageDO row;
        if (PushMessages.ORDER_ASSIGNED.routingKey().equals(type)) {
            row = inbox.consumeKeyed(message, OrderAssignedMessage.class, m -> messages.store(eventId, m));
        } else if (PushMessages.ORDER_CLOSED.routingKey().equals(type)) {
            row = inbox.consumeKeyed(message, OrderClosedMessage.class, m -> messages.store(eventId, m));
        } else {
            throw new AmqpRejectAndDontRequeueException("not a message for monitors: " + type);
        }
        if (row != null) {
            sessions.route(row.getAcceptorId(), row.getMessageId(), row.getType(), row.getFrame());
        }
    }
}
