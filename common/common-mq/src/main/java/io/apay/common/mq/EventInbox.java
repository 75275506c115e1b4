package io.apay.common.mq;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.trace.TraceIds;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumer-side de-duplication: a message is handled at most once per consumer, by its event id. The mark in
 * {@code processed_event} and the handler's own writes commit in one transaction, so a crash in between leaves
 * neither and the redelivery is handled normally; a duplicate delivery finds the mark and is skipped.
 */
public class EventInbox {

    private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;

    public EventInbox(JdbcTemplate jdbc, PlatformTransactionManager txManager, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.mapper = mapper;
    }

    /**
     * Handles {@code message} once for {@code consumer}. Returns false if it was a duplicate.
     * A message without an id, or whose body is not a {@code type}, cannot be handled and goes to the DLQ.
     */
    public <T> boolean consumeOnce(String consumer, Message message, Class<T> type, Consumer<T> handler) {
        String eventId = message.getMessageProperties().getMessageId();
        if (eventId == null || eventId.isBlank()) {
            throw new AmqpRejectAndDontRequeueException("message without an event id");
        }
        T payload;
        try {
            payload = mapper.readValue(message.getBody(), type);
        } catch (IOException e) {
            throw new AmqpRejectAndDontRequeueException("event " + eventId + " is not a " + type.getSimpleName());
        }
        String previousTrace = TraceIds.current();
        Object traceHeader = message.getMessageProperties().getHeader(TraceIds.HEADER);
        TraceIds.set(TraceIds.orNew(traceHeader == null ? null : traceHeader.toString()));
        try {
            Boolean handled = tx.execute(status -> {
                try {
                    jdbc.update("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, UTC_TIMESTAMP(3))",
                            consumer, eventId);
                } catch (DuplicateKeyException duplicate) {
                    return false;
                }
                handler.accept(payload);
                return true;
            });
            if (!Boolean.TRUE.equals(handled)) {
                log.info("duplicate delivery of event {} to {} skipped", eventId, consumer);
            }
            return Boolean.TRUE.equals(handled);
        } finally {
            if (previousTrace != null) {
                TraceIds.set(previousTrace);
            } else {
                TraceIds.clear();
            }
        }
    }
}
