package io.apay.common.mq.testapp;

import io.apay.common.core.trace.TraceIds;
import io.apay.common.mq.EventInbox;
import io.apay.common.mq.EventTopic;
import io.apay.common.mq.MqNames;
import io.apay.common.mq.MqTopology;
import java.math.BigDecimal;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A service that publishes "thing.happened" events and consumes them once. */
@SpringBootApplication
public class MqTestApp {

    static final EventTopic THING_HAPPENED = new EventTopic("mqtest", "thing.happened");
    static final String THINGS_QUEUE = "mqtest.things";
    /** A second queue on the same topic with no listener: the test counts what the broker actually received. */
    static final String AUDIT_QUEUE = "mqtest.audit";

    record Thing(String name, BigDecimal amount) {
    }

    @Bean
    Declarables thingsQueue(MqNames names) {
        return MqTopology.consumer(names, THINGS_QUEUE, THING_HAPPENED);
    }

    @Bean
    Declarables auditQueue(MqNames names) {
        return MqTopology.consumer(names, AUDIT_QUEUE, THING_HAPPENED);
    }

    @Component
    static class ThingListener {
        private final EventInbox inbox;
        private final JdbcTemplate jdbc;

        ThingListener(EventInbox inbox, JdbcTemplate jdbc) {
            this.inbox = inbox;
            this.jdbc = jdbc;
        }

        @RabbitListener(queues = "#{mqNames.queue('" + THINGS_QUEUE + "')}", concurrency = "4")
        void on(Message message) {
            inbox.consumeOnce(THINGS_QUEUE, message, Thing.class, thing -> jdbc.update(
                    "INSERT INTO thing_seen (event_id, name, amount, trace_id) VALUES (?, ?, ?, ?)",
                    message.getMessageProperties().getMessageId(), thing.name(), thing.amount(), TraceIds.current()));
        }
    }
}
