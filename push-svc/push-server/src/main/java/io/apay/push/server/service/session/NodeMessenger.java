package io.apay.push.server.service.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.apay.common.core.trace.TraceIds;
import io.apay.common.mq.MqNames;
import io.apay.push.server.websocket.Frames;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/** Sends {@link NodeCommand}s to the replica holding a socket. Transient: a lost command is covered by replay and timeouts. */
@Component
public class NodeMessenger {

    public static final String EXCHANGE_DOMAIN = "push.node";

    private final RabbitTemplate rabbit;
    private final MqNames names;

    public NodeMessenger(RabbitTemplate rabbit, MqNames names) {
        this.rabbit = rabbit;
        this.names = names;
    }

    public void send(String node, NodeCommand command) {
        MessageProperties p = new MessageProperties();
        p.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        p.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
        if (TraceIds.current() != null) {
            p.setHeader(TraceIds.HEADER, TraceIds.current());
        }
        try {
            Message m = MessageBuilder.withBody(Frames.MAPPER.writeValueAsBytes(command)).andProperties(p).build();
            rabbit.send(names.exchange(EXCHANGE_DOMAIN), node, m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
