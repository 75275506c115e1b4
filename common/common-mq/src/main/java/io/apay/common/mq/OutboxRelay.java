package io.apay.common.mq;

import io.apay.common.core.trace.TraceIds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends committed outbox events to RabbitMQ and marks them sent once the broker confirms them.
 *
 * <p><b>Handed over</b> (the usual way, while the relay runs): {@link OutboxPublisher} writes a row due only after
 * {@link OutboxProperties#getHandOverGrace() the grace}, and after its commit hands the row to this relay, which
 * sends it and marks it sent with one UPDATE: no read of the table. <b>Polled</b> (everything else: a row whose
 * process died before its handover, one the broker did not confirm, one written while no relay ran): due rows are
 * claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so several replicas relay without sending the same row
 * twice, and marked in the same transaction after the broker's confirm. The grace keeps other replicas' polls off a
 * row while it is being handed over. A crash between the confirm and the mark, or a handover slower than the grace,
 * can send a row again; consumers de-duplicate ({@link EventInbox}). A row the broker does not confirm is retried
 * by the poll with exponential backoff.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RabbitTemplate rabbit;
    private final OutboxProperties props;
    private final Semaphore wakeUps = new Semaphore(0);
    /** Rows committed in this process, waiting to be sent (full: the poll sends the rest after their grace). */
    private final BlockingQueue<Row> handedOver = new LinkedBlockingQueue<>(10_000);
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(JdbcTemplate jdbc, PlatformTransactionManager txManager, RabbitTemplate rabbit, OutboxProperties props) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.rabbit = rabbit;
        this.props = props;
    }

    /**
     * Whether a row written now is handed over after its commit ({@link OutboxPublisher}): only while this relay
     * runs to send it. Otherwise it is written due at once, for the poll.
     */
    public boolean takesHandOvers() {
        return running;
    }

    public Duration handOverGrace() {
        return props.getHandOverGrace();
    }

    /**
     * A row just committed ({@code writtenAt}: {@link System#nanoTime} when it was written), to send now; if the relay
     * has stopped or the row cannot wait here, the poll sends it once its grace has passed.
     */
    void handOver(long id, String eventId, String exchange, String routingKey, String payload, String traceId, long writtenAt) {
        if (running && handedOver.offer(new Row(id, eventId, exchange, routingKey, payload, traceId, 0, writtenAt))) {
            wakeUp();
        }
    }

    /** Called after a commit that wrote events, so they go out now rather than at the next poll. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    @Override
    public synchronized void start() {
        if (running || !props.isRelayEnabled()) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            // let a batch in flight finish (send, confirm, mark) so a graceful restart sends nothing twice
            wakeUp();
            try {
                worker.join(props.getConfirmTimeout().toMillis() * 2);
                if (worker.isAlive()) {
                    worker.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
        handedOver.clear(); // not sent: the poll (this replica's next start, or another's) sends them after their grace
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // start after the listener containers and the web server, stop before the connection factory closes
        return Integer.MAX_VALUE - 100;
    }

    private void loop() {
        long nextPurge = 0;
        long nextPoll = 0;
        while (running) {
            try {
                long now = System.currentTimeMillis();
                if (now >= nextPurge) {
                    purgeOld();
                    nextPurge = now + Duration.ofHours(1).toMillis();
                }
                int handed = relayHandedOver();
                int polled = 0;
                if (now >= nextPoll) {
                    polled = relayBatch();
                    nextPoll = now + props.getPollInterval().toMillis();
                }
                if (handed < props.getBatchSize() && polled < props.getBatchSize()) {
                    wakeUps.tryAcquire(Math.max(1, nextPoll - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                } else if (polled == props.getBatchSize()) {
                    nextPoll = 0; // a full batch: more may be due
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("outbox relay round failed, retrying: {}", e.toString());
                sleepQuietly(props.getPollInterval());
            }
        }
    }

    /**
     * Sends up to a batch of the rows handed over, and marks the confirmed ones sent with one UPDATE (it commits
     * by itself: the rows are already committed, and a mark lost in a crash only means the poll sends them again).
     * An unconfirmed row is left as it is: the poll retries it once its grace has passed. Returns how many were sent.
     */
    int relayHandedOver() {
        List<Row> drained = new ArrayList<>();
        handedOver.drainTo(drained, props.getBatchSize());
        // a row that waited here so long that its grace could end before its confirm is left to the poll, or another
        // replica's poll and this send could both send it
        long latest = System.nanoTime() - props.getHandOverGrace().minus(props.getConfirmTimeout()).toNanos();
        List<Row> rows = drained.stream().filter(r -> r.writtenAt() - latest > 0).toList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Long> sent = sendAll(rows);
        if (!sent.isEmpty()) {
            markSent(sent);
        }
        if (sent.size() < rows.size()) {
            log.warn("{} handed-over outbox events not confirmed by the broker: the poll retries them", rows.size() - sent.size());
        }
        return sent.size();
    }

    /** Sends the rows and waits for the broker's confirms; answers the ids it confirmed. */
    private List<Long> sendAll(List<Row> rows) {
        List<CorrelationData> confirms = new ArrayList<>(rows.size());
        for (Row row : rows) {
            CorrelationData cd = new CorrelationData(row.eventId());
            rabbit.send(row.exchange(), row.routingKey(), toMessage(row), cd);
            confirms.add(cd);
        }
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (isConfirmed(confirms.get(i))) {
                sent.add(rows.get(i).id());
            }
        }
        return sent;
    }

    private void markSent(List<Long> ids) {
        // one statement for the batch (ids are numbers we read or generated, never client input)
        jdbc.update("UPDATE outbox_event SET status = 1, sent_at = UTC_TIMESTAMP(3) WHERE status = 0 AND id IN ("
                + String.join(",", ids.stream().map(String::valueOf).toList()) + ")");
    }

    /** Sends one batch of due events; returns how many were confirmed. */
    public int relayBatch() {
        Integer confirmed = tx.execute(status -> {
            List<Row> rows = jdbc.query(
                    "SELECT id, event_id, exchange_name, routing_key, payload, trace_id, attempts FROM outbox_event"
                            + " WHERE status = 0 AND next_attempt_at <= UTC_TIMESTAMP(3) ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
                    (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), 0),
                    props.getBatchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            List<Long> sent = sendAll(rows);
            for (Row row : rows) {
                if (!sent.contains(row.id())) {
                    Duration backoff = backoff(row.attempts() + 1);
                    jdbc.update("UPDATE outbox_event SET attempts = attempts + 1,"
                            + " next_attempt_at = UTC_TIMESTAMP(3) + INTERVAL ? SECOND WHERE id = ?", backoff.toSeconds(), row.id());
                    log.warn("outbox event {} not confirmed by the broker, retry in {}", row.eventId(), backoff);
                }
            }
            if (!sent.isEmpty()) {
                markSent(sent);
            }
            return sent.size();
        });
        return confirmed == null ? 0 : confirmed;
    }

    /** Sent events and consumed-event marks are kept for {@code retention}, then deleted in small slices. */
    void purgeOld() {
        long days = props.getRetention().toDays();
        jdbc.update("DELETE FROM outbox_event WHERE status = 1 AND sent_at < UTC_TIMESTAMP(3) - INTERVAL ? DAY LIMIT 5000", days);
        jdbc.update("DELETE FROM processed_event WHERE processed_at < UTC_TIMESTAMP(3) - INTERVAL ? DAY LIMIT 5000", days);
    }

    private boolean isConfirmed(CorrelationData cd) {
        try {
            CorrelationData.Confirm confirm = cd.getFuture().get(props.getConfirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return confirm.isAck() && cd.getReturned() == null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static Message toMessage(Row row) {
        MessageProperties p = new MessageProperties();
        p.setMessageId(row.eventId());
        p.setType(row.routingKey());
        p.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        p.setContentEncoding("UTF-8");
        p.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        if (row.traceId() != null) {
            p.setHeader(TraceIds.HEADER, row.traceId());
        }
        return MessageBuilder.withBody(row.payload().getBytes(StandardCharsets.UTF_8)).andProperties(p).build();
    }

    static Duration backoff(int attempts) {
        long seconds = Math.min(300, 1L << Math.min(attempts, 9));
        return Duration.ofSeconds(seconds);
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An outbox row; {@code writtenAt} ({@link System#nanoTime}) only for one handed over. */
    private record Row(long id, String eventId, String exchange, String routingKey, String payload, String traceId, int attempts,
                       long writtenAt) {
    }
}
