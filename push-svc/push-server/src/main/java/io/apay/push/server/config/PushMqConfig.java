package io.apay.push.server.config;

import io.apay.common.mq.MqNames;
import io.apay.common.mq.MqTopology;
import io.apay.push.api.event.PushEvents;
import io.apay.push.api.message.PushMessages;
import io.apay.push.server.service.session.NodeMessenger;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * RabbitMQ: the {@code apay.push} exchange (events out, messages for monitors in), the shared durable queue where
 * the replicas take messages for monitors, and this replica's own queue on {@code apay.push.node} for commands
 * addressed to the sockets it holds.
 */
@Configuration
public class PushMqConfig {

    public static final String ACCEPTOR_MESSAGES_QUEUE = "push.acceptor-messages";

    @Bean
    public Declarables pushExchange(MqNames names) {
        return MqTopology.publisher(names, PushEvents.DOMAIN);
    }

    @Bean
    public Declarables acceptorMessagesQueue(MqNames names) {
        return MqTopology.consumer(names, ACCEPTOR_MESSAGES_QUEUE, PushMessages.ORDER_ASSIGNED, PushMessages.ORDER_CLOSED);
    }

    /** This replica's queue: not durable, deleted when the replica goes (its sockets go with it). */
    @Bean
    public Queue pushNodeQueue(MqNames names, PushProperties props) {
        return new Queue(names.queue("push.node." + props.getNodeId()), false, false, true);
    }

    @Bean
    public Declarables pushNodeTopology(MqNames names, PushProperties props, Queue pushNodeQueue) {
        DirectExchange nodes = new DirectExchange(names.exchange(NodeMessenger.EXCHANGE_DOMAIN), true, false);
        return new Declarables(nodes, BindingBuilder.bind(pushNodeQueue).to(nodes).with(props.getNodeId()));
    }
}
