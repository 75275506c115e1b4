package io.apay.common.mq;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The RabbitMQ topology every service declares the same way: durable topic exchanges per domain (with an
 * alternate exchange for unroutable messages), durable consumer queues, each with its dead-letter queue.
 */
public final class MqTopology {

    private MqTopology() {
    }

    /** Shared by every service: the dead-letter exchange and the unrouted exchange and queue. */
    public static Declarables base(MqNames names) {
        FanoutExchange unrouted = new FanoutExchange(names.unroutedExchange(), true, false);
        Queue unroutedQueue = QueueBuilder.durable(names.unroutedQueue()).build();
        return new Declarables(
                new DirectExchange(names.deadLetterExchange(), true, false),
                unrouted, unroutedQueue, BindingBuilder.bind(unroutedQueue).to(unrouted));
    }

    public static TopicExchange exchange(MqNames names, String domain) {
        return new TopicExchange(names.exchange(domain), true, false,
                Map.of("alternate-exchange", names.unroutedExchange()));
    }

    /** A publisher declares its domain's exchange, so its first event is never lost for want of one. */
    public static Declarables publisher(MqNames names, String domain) {
        return new Declarables(exchange(names, domain));
    }

    /**
     * A consumer's durable queue bound to the given topics, and its dead-letter queue: a message the consumer
     * rejects after its retries lands in {@code <queue>.dlq} for an operator to look at.
     */
    public static Declarables consumer(MqNames names, String queueName, EventTopic... topics) {
        String queue = names.queue(queueName);
        Queue main = QueueBuilder.durable(queue)
                .deadLetterExchange(names.deadLetterExchange())
                .deadLetterRoutingKey(queue)
                .build();
        Queue dlq = QueueBuilder.durable(names.deadLetterQueue(queueName)).build();
        List<Declarable> all = new ArrayList<>(List.of(main, dlq,
                BindingBuilder.bind(dlq).to(new DirectExchange(names.deadLetterExchange(), true, false)).with(queue)));
        Set<String> domains = new LinkedHashSet<>();
        for (EventTopic topic : topics) {
            TopicExchange exchange = exchange(names, topic.domain());
            if (domains.add(topic.domain())) {
                all.add(exchange);
            }
            Binding binding = BindingBuilder.bind(main).to(exchange).with(topic.routingKey());
            all.add(binding);
        }
        return new Declarables(all);
    }
}
