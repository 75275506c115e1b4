package io.apay.common.mq.testapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.trace.TraceIds;
import io.apay.common.mq.EventInbox;
import io.apay.common.mq.MqNames;
import io.apay.common.mq.OutboxProperties;
import io.apay.common.mq.OutboxPublisher;
import io.apay.common.mq.OutboxRelay;
import io.apay.common.mq.testapp.MqTestApp.Thing;
import io.apay.common.test.ApayIntegrationTest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@ApayIntegrationTest(classes = MqTestApp.class)
class OutboxIT {

    @Autowired OutboxPublisher publisher;
    @Autowired EventInbox inbox;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager txManager;
    @Autowired RabbitTemplate rabbit;
    @Autowired AmqpAdmin admin;
    @Autowired MqNames names;

    TransactionTemplate tx;

    @BeforeEach
    void clean() {
        tx = new TransactionTemplate(txManager);
        jdbc.update("DELETE FROM outbox_event");
        jdbc.update("DELETE FROM processed_event");
        jdbc.update("DELETE FROM thing_seen");
        jdbc.update("DELETE FROM thing_keyed");
        admin.purgeQueue(names.queue(MqTestApp.AUDIT_QUEUE), false);
        admin.purgeQueue(names.deadLetterQueue(MqTestApp.THINGS_QUEUE), false);
    }

    OutboxRelay newRelay(int batchSize) {
        OutboxProperties props = new OutboxProperties();
        props.setBatchSize(batchSize);
        props.setPollInterval(Duration.ofMillis(50));
        return new OutboxRelay(jdbc, txManager, rabbit, props);
    }

    List<String> publishCommitted(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            ids.add(tx.execute(s -> publisher.publish(MqTestApp.THING_HAPPENED, new Thing("t" + k, new BigDecimal("1.000001")))));
        }
        return ids;
    }

    /** Every message the broker routed to the audit queue, by event id. */
    List<String> drainAudit() {
        List<String> ids = new ArrayList<>();
        Message m;
        while ((m = rabbit.receive(names.queue(MqTestApp.AUDIT_QUEUE), 500)) != null) {
            ids.add(m.getMessageProperties().getMessageId());
        }
        return ids;
    }

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    int unsent() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE status = 0", Integer.class);
    }

    @Test
    void eventWrittenInARolledBackTransactionIsNeverPublished() {
        tx.executeWithoutResult(status -> {
            publisher.publish(MqTestApp.THING_HAPPENED, new Thing("ghost", BigDecimal.ONE));
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Integer.class)).isZero();
        assertThat(newRelay(100).relayBatch()).isZero();
        assertThat(drainAudit()).isEmpty();
    }

    @Test
    void eventCannotBeWrittenOutsideATransaction() {
        assertThatThrownBy(() -> publisher.publish(MqTestApp.THING_HAPPENED, new Thing("loose", BigDecimal.ONE)))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event", Integer.class)).isZero();
    }

    @Test
    void committedEventsArePublishedExactlyOnceAcrossARelayRestart() throws Exception {
        List<String> published = publishCommitted(25);

        OutboxRelay first = newRelay(10);
        assertThat(first.relayBatch()).isEqualTo(10); // then the process "dies"

        OutboxRelay restarted = newRelay(10);
        int sent = 0;
        int round;
        while ((round = restarted.relayBatch()) > 0) {
            sent += round;
        }
        assertThat(sent).isEqualTo(15);
        assertThat(newRelay(10).relayBatch()).isZero();

        List<String> received = drainAudit();
        assertThat(received).hasSize(25);
        assertThat(new HashSet<>(received)).isEqualTo(new HashSet<>(published));
    }

    @Test
    void aRunningRelayStoppedAndStartedAgainSendsEachEventOnce() throws Exception {
        List<String> published = publishCommitted(60);
        OutboxRelay relay = newRelay(5);
        relay.start();
        Thread.sleep(30);
        relay.stop();
        OutboxRelay again = newRelay(5);
        again.start();
        try {
            await(() -> unsent() == 0, Duration.ofSeconds(20));
        } finally {
            again.stop();
        }
        List<String> received = drainAudit();
        assertThat(received).hasSize(60);
        assertThat(new HashSet<>(received)).isEqualTo(new HashSet<>(published));
    }

    @Test
    void competingRelaysNeverSendARowTwice() throws Exception {
        List<String> published = publishCommitted(200);
        List<OutboxRelay> relays = List.of(newRelay(7), newRelay(7), newRelay(7));
        relays.forEach(OutboxRelay::start);
        try {
            await(() -> unsent() == 0, Duration.ofSeconds(30));
        } finally {
            relays.forEach(OutboxRelay::stop);
        }
        List<String> received = drainAudit();
        assertThat(received).hasSize(200);
        assertThat(new HashSet<>(received)).isEqualTo(new HashSet<>(published));
    }

    /** A relay that runs, polling once an hour (so whatever it sends in a test was handed over), with this grace. */
    OutboxRelay runningRelay(Duration grace) {
        OutboxProperties props = new OutboxProperties();
        props.setPollInterval(Duration.ofHours(1));
        props.setHandOverGrace(grace);
        OutboxRelay relay = new OutboxRelay(jdbc, txManager, rabbit, props);
        relay.start();
        return relay;
    }

    int status(String eventId) {
        return jdbc.queryForObject("SELECT status FROM outbox_event WHERE event_id = ?", Integer.class, eventId);
    }

    /**
     * While a relay runs, a committed event is handed to it and sent at once, with no read of the table (its poll
     * runs once an hour here); until then the row is not due, so no other replica's poll takes it meanwhile.
     */
    @Test
    void aCommittedEventIsHandedToTheRunningRelayAndSentWithoutAPoll() throws Exception {
        OutboxRelay relay = runningRelay(Duration.ofMinutes(10));
        Thread.sleep(200); // its first (and only) poll, at start, finds nothing
        try {
            OutboxPublisher handingOver = new OutboxPublisher(jdbc, ApayJackson.newMapper(), names, relay);
            String id = tx.execute(s -> handingOver.publish(MqTestApp.THING_HAPPENED, new Thing("handed", BigDecimal.TEN)));
            assertThat(jdbc.queryForObject("SELECT next_attempt_at > UTC_TIMESTAMP(3) + INTERVAL 9 MINUTE FROM outbox_event WHERE event_id = ?",
                    Boolean.class, id)).as("due for a poll only after the grace").isTrue();
            await(() -> status(id) == 1, Duration.ofSeconds(10));
            assertThat(drainAudit()).containsExactly(id);
            assertThat(newRelay(10).relayBatch()).as("nothing left for a poll").isZero();
        } finally {
            relay.stop();
        }
    }

    /**
     * A row whose handover never happened (the process died after the commit: here its relay stopped before it)
     * is sent by any relay's poll once its grace has passed, once.
     */
    @Test
    void anEventNeverHandedOverIsSentByThePollAfterItsGrace() throws Exception {
        OutboxRelay dying = runningRelay(Duration.ofSeconds(5));
        OutboxPublisher handingOver = new OutboxPublisher(jdbc, ApayJackson.newMapper(), names, dying);
        String id = tx.execute(s -> {
            String eventId = handingOver.publish(MqTestApp.THING_HAPPENED, new Thing("orphan", BigDecimal.ONE));
            dying.stop();
            return eventId;
        });
        OutboxRelay survivor = newRelay(10);
        assertThat(survivor.relayBatch()).as("within the grace").isZero();
        assertThat(status(id)).isZero();
        await(() -> survivor.relayBatch() == 1, Duration.ofSeconds(15));
        assertThat(survivor.relayBatch()).isZero();
        assertThat(drainAudit()).containsExactly(id);
    }

    @Test
    void theConsumerHandlesAPublishedEventOnceWithItsTraceId() throws Exception {
        String traceId = TraceIds.newId();
        TraceIds.set(traceId);
        String eventId;
        try {
            eventId = tx.execute(s -> publisher.publish(MqTestApp.THING_HAPPENED, new Thing("traced", new BigDecimal("12.5"))));
        } finally {
            TraceIds.clear();
        }
        newRelay(10).relayBatch();
        await(() -> seen(eventId) == 1, Duration.ofSeconds(10));
        assertThat(jdbc.queryForObject("SELECT trace_id FROM thing_seen WHERE event_id = ?", String.class, eventId)).isEqualTo(traceId);
        assertThat(jdbc.queryForObject("SELECT amount FROM thing_seen WHERE event_id = ?", BigDecimal.class, eventId))
                .isEqualByComparingTo("12.5");
    }

    @Test
    void aDuplicateDeliveryIsConsumedOnce() throws Exception {
        String eventId = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 8; i++) {
            pool.submit(() -> rabbit.send(names.exchange("mqtest"), "thing.happened", message(eventId, "{\"name\":\"dup\",\"amount\":\"3\"}")));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        await(() -> jdbc.queryForObject("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", Integer.class, eventId) == 1
                && queueDepth(MqTestApp.THINGS_QUEUE) == 0, Duration.ofSeconds(10));
        Thread.sleep(500); // let any straggler delivery finish
        assertThat(seen(eventId)).isEqualTo(1);
    }

    /**
     * A handler that is its own mark: eight deliveries of one event at once, and the row keyed by the event id is
     * written once, under the message's trace id, with no processed_event row; a message without an id, or not of
     * the type, is rejected for the dead-letter queue as by consumeOnce.
     */
    @Test
    void aKeyedConsumerHandlesAnEventOnceWithoutAMark() throws Exception {
        String eventId = UUID.randomUUID().toString();
        String traceId = TraceIds.newId();
        Message m = message(eventId, "{\"name\":\"keyed\",\"amount\":\"3\"}");
        m.getMessageProperties().setHeader(TraceIds.HEADER, traceId);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> handled = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            handled.add(pool.submit(() -> inbox.consumeKeyed(m, Thing.class, thing -> {
                try {
                    jdbc.update("INSERT INTO thing_keyed (event_id, name, trace_id) VALUES (?, ?, ?)", eventId, thing.name(), TraceIds.current());
                    return true;
                } catch (DuplicateKeyException handledBefore) {
                    return false;
                }
            })));
        }
        pool.shutdown();
        int stored = 0;
        for (Future<Boolean> h : handled) {
            stored += h.get(10, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(stored).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT trace_id FROM thing_keyed WHERE event_id = ?", String.class, eventId)).isEqualTo(traceId);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_event", Integer.class)).isZero();
        String mine = TraceIds.newId();
        TraceIds.set(mine);
        try {
            Boolean again = inbox.consumeKeyed(m, Thing.class, thing -> jdbc.update("INSERT IGNORE INTO thing_keyed (event_id, name) VALUES (?, ?)",
                    eventId, thing.name()) == 1);
            assertThat(again).as("a later delivery, handled before").isFalse();
            assertThat(TraceIds.current()).as("the caller's trace is left as it was").isEqualTo(mine);
        } finally {
            TraceIds.clear();
        }

        assertThatThrownBy(() -> inbox.consumeKeyed(message(null, "{}"), Thing.class, t -> true))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class);
        assertThatThrownBy(() -> inbox.consumeKeyed(message(UUID.randomUUID().toString(), "{not json"), Thing.class, t -> true))
                .isInstanceOf(AmqpRejectAndDontRequeueException.class);
    }

    @Test
    void aMessageThatCannotBeHandledEndsInTheDeadLetterQueue() throws Exception {
        rabbit.send(names.exchange("mqtest"), "thing.happened", message(UUID.randomUUID().toString(), "{not json"));
        await(() -> queueDepth(MqTestApp.THINGS_QUEUE + ".dlq") == 1, Duration.ofSeconds(15));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM thing_seen", Integer.class)).isZero();
    }

    private int seen(String eventId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM thing_seen WHERE event_id = ?", Integer.class, eventId);
    }

    private int queueDepth(String queue) {
        var info = admin.getQueueInfo(names.queue(queue));
        return info == null ? -1 : info.getMessageCount();
    }

    private static Message message(String eventId, String body) {
        MessageProperties p = new MessageProperties();
        p.setMessageId(eventId);
        p.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8)).andProperties(p).build();
    }
}
