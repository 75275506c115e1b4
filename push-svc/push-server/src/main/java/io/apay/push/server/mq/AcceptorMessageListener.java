package io.apay.push.server.mq;

import io.apay.common.mq.EventInbox;
import io.apay.push.api.message.OrderAssignedMessage;
import io.apay.push.api.message.OrderClosedMessage;
import io.apay.push.api.message.PushMessages;
import io.apay.push.server.config.PushMqConfig;
import io.apay.push.server.dal.dataobject.AcceptorMessageDO;
import io.apay.push.server.service.message.AcceptorMessageService;
import io.apay.push.server.service.session.MonitorSessionService;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Messages other services send to acceptors' monitors: stored once per event id (the inbox), then routed to the
 * replica holding the acceptor's live connection.
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
        AtomicReference<AcceptorMessageDO> stored = new AtomicReference<>();
        boolean handled;
        if (PushMessages.ORDER_ASSIGNED.routingKey().equals(type)) {
            handled = inbox.consumeOnce(PushMqConfig.ACCEPTOR_MESSAGES_QUEUE, message, OrderAssignedMessage.class,
                    m -> stored.set(messages.store(eventId, m)));
        } else if (PushMessages.ORDER_CLOSED.routingKey().equals(type)) {
            handled = inbox.consumeOnce(PushMqConfig.ACCEPTOR_MESSAGES_QUEUE, message, OrderClosedMessage.class,
                    m -> stored.set(messages.store(eventId, m)));
        } else {
            throw new AmqpRejectAndDontRequeueException("not a message for monitors: " + type);
        }
        AcceptorMessageDO row = stored.get();
        if (handled && row != null) {
            sessions.route(row.getAcceptorId(), row.getMessageId(), row.getType(), row.getFrame());
        }
    }
}
