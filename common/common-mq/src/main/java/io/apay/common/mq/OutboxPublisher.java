package io.apay.common.mq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.trace.TraceIds;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes an event by writing it to the {@code outbox_event} table in the caller's transaction: the event
 * exists if and only if the business change committed. {@link OutboxRelay} then sends it to RabbitMQ: handed over
 * after the commit while the relay runs, else found by its poll.
 */
public class OutboxPublisher {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final MqNames names;
    private final OutboxRelay relay;

    public OutboxPublisher(JdbcTemplate jdbc, ObjectMapper mapper, MqNames names, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.names = names;
        this.relay = relay;
    }

    /** Returns the event id consumers de-duplicate on. Must run inside a transaction. */
    public String publish(EventTopic topic, Object payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("an outbox event must be written inside the business transaction");
        }
        String eventId = UUID.randomUUID().toString();
        String json;
        try {
            json = mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not serializable: " + payload.getClass().getName(), e);
        }
        String exchange = names.exchange(topic.domain());
        String traceId = TraceIds.current();
        // handed over to the running relay after the commit; due for the poll only after the grace (OutboxRelay)
        boolean handOver = relay.takesHandOvers();
        long graceMillis = handOver ? relay.handOverGrace().toMillis() : 0;
        long writtenAt = System.nanoTime();
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_event (event_id, exchange_name, routing_key, payload, trace_id,"
                    + " status, attempts, next_attempt_at, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, 0, 0, UTC_TIMESTAMP(3) + INTERVAL ? MICROSECOND, UTC_TIMESTAMP(3))", Statement.RETURN_GENERATED_KEYS);
            new ArgumentPreparedStatementSetter(new Object[] {eventId, exchange, topic.routingKey(), json, traceId, graceMillis * 1000})
                    .setValues(ps);
            return ps;
        }, key);
        long id = key.getKey().longValue();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (handOver) {
                    relay.handOver(id, eventId, exchange, topic.routingKey(), json, traceId, writtenAt);
                } else {
                    relay.wakeUp();
                }
            }
        });
        return eventId;
    }
}
