package io.apay.common.mq;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.trace.TraceIds;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
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
 *
 * <p>{@link #consumeKeyed} is for a handler that is its own mark: its first write is an INSERT under a unique key
 * that the event fixes (the event id, or an id it carries), so a redelivery stops at that key and writes nothing. It
 * keeps no row in {@code processed_event}: one statement per event fewer.
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
        String eventId = eventId(message);
        T payload = payload(message, eventId, type);
        Boolean handled = withTrace(message, () -> tx.execute(status -> {
            try {
                jdbc.update("INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, UTC_TIMESTAMP(3))",
                        consumer, eventId);
            } catch (DuplicateKeyException duplicate) {
                return false;
            }
            handler.accept(payload);
            return true;
        }));
        if (!Boolean.TRUE.equals(handled)) {
            log.info("duplicate delivery of event {} to {} skipped", eventId, consumer);
        }
        return Boolean.TRUE.equals(handled);
    }

    /**
     * Handles {@code message} in one transaction with no mark of its own: {@code handler} must write nothing twice
     * for the same event by itself, its first write an INSERT under a unique key the event fixes (a
     * {@code DuplicateKeyException} there means "handled before": the handler catches it and stops). Answers what the
     * handler answers. A message without an id, or whose body is not a {@code type}, goes to the DLQ.
     */
    public <T, R> R consumeKeyed(Message message, Class<T> type, Function<T, R> handler) {
        T payload = payload(message, eventId(message), type);
        return withTrace(message, () -> tx.execute(status -> handler.apply(payload)));
    }

    private static String eventId(Message message) {
        String eventId = message.getMessageProperties().getMessageId();
        if (eventId == null || eventId.isBlank()) {
            throw new AmqpRejectAndDontRequeueException("message without an event id");
        }
        return eventId;
    }

    private <T> T payload(Message message, String eventId, Class<T> type) {
        try {
            return mapper.readValue(message.getBody(), type);
        } catch (IOException e) {
            throw new AmqpRejectAndDontRequeueException("event " + eventId + " is not a " + type.getSimpleName());
        }
    }

    /** Runs {@code work} under the trace id the message carries (a new one if none), then restores the thread's. */
    private static <R> R withTrace(Message message, Supplier<R> work) {
        String previousTrace = TraceIds.current();
        Object traceHeader = message.getMessageProperties().getHeader(TraceIds.HEADER);
        TraceIds.set(TraceIds.orNew(traceHeader == null ? null : traceHeader.toString()));
        try {
            return work.get();
        } finally {
            if (previousTrace != null) {
                TraceIds.set(previousTrace);
            } else {
                TraceIds.clear();
            }
        }
    }
}
