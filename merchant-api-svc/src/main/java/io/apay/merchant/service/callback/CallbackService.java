package io.apay.merchant.service.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.json.ApayJackson;
import io.apay.merchant.MerchantApiErrorCodes;
import io.apay.merchant.config.PlatformKey;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed callbacks to merchants, delivered until acknowledged ({@code 2xx} with body {@code success}) along the
 * published retry schedule, every attempt logged. A delivery is claimed by taking a short lease on its row
 * ({@code FOR UPDATE SKIP LOCKED}), so several replicas and the retry job never send one attempt twice.
 */
public class CallbackService {

    private static final Logger log = LoggerFactory.getLogger(CallbackService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a claimed delivery is left alone by others: longer than any one attempt can take. */
    private static final Duration LEASE = Duration.ofSeconds(60);

    /** A delivery as the log shows it. */
    public record Delivery(long id, String notifyId, String orderNo, String eventType, String notifyUrl, String status,
                           int attempts, Instant nextAttemptAt, Instant deliveredAt, Instant createdAt, List<Attempt> attemptLog) {
    }

    public record Attempt(int attemptNo, Instant attemptedAt, Integer httpStatus, long latencyMs, String responseSnippet,
                          String error, boolean acknowledged) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PlatformKey platformKey;
    private final CallbackSender sender;
    private final CallbackProperties props;
    private final Executor executor;
    private final Clock clock;
    private final ObjectMapper mapper = ApayJackson.newMapper();

    public CallbackService(JdbcTemplate jdbc, PlatformTransactionManager txManager, PlatformKey platformKey, CallbackSender sender,
                           CallbackProperties props, Executor executor, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(txManager);
        this.platformKey = platformKey;
        this.sender = sender;
        this.props = props;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Records a callback (once per merchant, order and event type) and, after the caller's transaction commits,
     * makes its first attempt on the callback pool. Returns the delivery id (the existing one for a repeat).
     */
    public long enqueue(String merchantNo, String orderNo, String eventType, String notifyUrl, Map<String, Object> fields) {
        long id = record(merchantNo, orderNo, eventType, notifyUrl, fields);
        afterCommit(() -> executor.execute(() -> attemptIfDue(id)));
        return id;
    }

    /** Records a callback, due now, without attempting it; the delivery id (the existing one for a repeat). */
    public long record(String merchantNo, String orderNo, String eventType, String notifyUrl, Map<String, Object> fields) {
        String notifyId = newNotifyId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notifyId", notifyId);
        body.put("eventType", eventType);
        body.put("merchantNo", merchantNo);
        body.putAll(fields);
        body.put("timestamp", clock.millis());
        String payload = json(body);
        String signature = RsaKeys.sign(platformKey.privateKey(), payload);
        try {
            jdbc.update("INSERT INTO callback_delivery (notify_id, merchant_no, order_no, event_type, notify_url, payload, signature,"
                            + " status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                    notifyId, merchantNo, orderNo, eventType, notifyUrl, payload, signature, ts(clock.instant()), ts(clock.instant()));
            return jdbc.queryForObject("SELECT id FROM callback_delivery WHERE notify_id = ?", Long.class, notifyId);
        } catch (DuplicateKeyException e) {
            return jdbc.queryForObject("SELECT id FROM callback_delivery WHERE merchant_no = ? AND order_no <=> ? AND event_type = ?",
                    Long.class, merchantNo, orderNo, eventType);
        }
    }

    /**
     * Claims every due delivery for a lease and sends them on the callback pool (the retry job calls this each tick
     * and must not wait for slow receivers); returns how many were claimed. A claim the pool has no room for is
     * tried again when its lease ends.
     */
    public int deliverDue(int limit) {
        List<Long> claimed = tx.execute(s -> {
            List<Long> ids = jdbc.queryForList("SELECT id FROM callback_delivery WHERE status = 'PENDING' AND next_attempt_at <= ?"
                    + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED", Long.class, ts(clock.instant()), limit);
            for (Long id : ids) {
                jdbc.update("UPDATE callback_delivery SET next_attempt_at = ? WHERE id = ?", ts(clock.instant().plus(LEASE)), id);
            }
            return ids;
        });
        claimed.forEach(id -> executor.execute(() -> attempt(id)));
        return claimed.size();
    }

    /** One attempt now, if nobody else holds the delivery and it is still due. */
    public void attemptIfDue(long id) {
        int claimed = jdbc.update("UPDATE callback_delivery SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ?",
                ts(clock.instant().plus(LEASE)), id, ts(clock.instant()));
        if (claimed == 1) {
            attempt(id);
        }
    }

    /** A merchant or operator asks for one more attempt now, whatever the schedule (also after it gave up). */
    public Delivery redeliver(long id) {
        int claimed = jdbc.update("UPDATE callback_delivery SET status = 'PENDING', next_attempt_at = ? WHERE id = ? AND status <> 'DELIVERED'",
                ts(clock.instant().plus(LEASE)), id);
        if (claimed == 1) {
            attempt(id);
        }
        return delivery(id);
    }

    private void attempt(long id) {
        Map<String, Object> d = jdbc.queryForMap("SELECT notify_url, payload, signature, attempts FROM callback_delivery WHERE id = ?", id);
        int attemptNo = ((Number) d.get("attempts")).intValue() + 1;
        CallbackSender.Outcome o = sender.send((String) d.get("notify_url"), (String) d.get("payload"), (String) d.get("signature"),
                platformKey.fingerprint());
        Instant now = clock.instant();
        tx.executeWithoutResult(s -> {
            jdbc.update("INSERT INTO callback_attempt (delivery_id, attempt_no, attempted_at, http_status, latency_ms, response_snippet,"
                            + " error, acknowledged) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    id, attemptNo, ts(now), o.httpStatus(), o.latencyMs(), o.responseSnippet(), o.error(), o.acknowledged());
            if (o.acknowledged()) {
                jdbc.update("UPDATE callback_delivery SET status = 'DELIVERED', attempts = ?, delivered_at = ?, next_attempt_at = NULL WHERE id = ?",
                        attemptNo, ts(now), id);
            } else if (attemptNo > props.getRetrySchedule().size()) {
                jdbc.update("UPDATE callback_delivery SET status = 'GAVE_UP', attempts = ?, next_attempt_at = NULL WHERE id = ?", attemptNo, id);
            } else {
                Duration wait = props.getRetrySchedule().get(attemptNo - 1);
                jdbc.update("UPDATE callback_delivery SET attempts = ?, next_attempt_at = ? WHERE id = ?", attemptNo, ts(now.plus(wait)), id);
            }
        });
        if (!o.acknowledged()) {
            log.info("callback {} attempt {} not acknowledged: status {} {}", id, attemptNo, o.httpStatus(), o.error() == null ? "" : o.error());
        }
    }

    /**
     * The event types recorded for each of these orders (at most 500; orders without any are left out), for the
     * cross-service reconciliation: every order that ended must have exactly its own terminal event.
     */
    public Map<String, List<String>> recordedEvents(List<String> orderNos) {
        Map<String, List<String>> events = new TreeMap<>();
        if (orderNos.isEmpty()) {
            return events;
        }
        String marks = String.join(", ", Collections.nCopies(orderNos.size(), "?"));
        jdbc.query("SELECT order_no, event_type FROM callback_delivery WHERE order_no IN (" + marks + ") ORDER BY order_no, event_type",
                rs -> {
                    events.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }, orderNos.toArray());
        return events;
    }

    public List<Delivery> deliveriesOf(String merchantNo, String orderNo) {
        return jdbc.queryForList("SELECT id FROM callback_delivery WHERE merchant_no = ? AND order_no = ? ORDER BY id", Long.class,
                merchantNo, orderNo).stream().map(this::delivery).toList();
    }

    public Delivery delivery(long id) {
        Map<String, Object> d = jdbc.queryForMap("SELECT * FROM callback_delivery WHERE id = ?", id);
        List<Attempt> attempts = jdbc.query("SELECT * FROM callback_attempt WHERE delivery_id = ? ORDER BY attempt_no",
                (rs, i) -> new Attempt(rs.getInt("attempt_no"), rs.getTimestamp("attempted_at").toInstant(),
                        (Integer) rs.getObject("http_status"), rs.getLong("latency_ms"), rs.getString("response_snippet"),
                        rs.getString("error"), rs.getBoolean("acknowledged")), id);
        return new Delivery(id, (String) d.get("notify_id"), (String) d.get("order_no"), (String) d.get("event_type"),
                (String) d.get("notify_url"), (String) d.get("status"), ((Number) d.get("attempts")).intValue(),
                instant(d.get("next_attempt_at")), instant(d.get("delivered_at")), instant(d.get("created_at")), attempts);
    }

    /** The delivery of a merchant (a merchant can only see and redeliver its own). */
    public long idOf(String merchantNo, long id) {
        List<Long> found = jdbc.queryForList("SELECT id FROM callback_delivery WHERE id = ? AND merchant_no = ?", Long.class, id, merchantNo);
        if (found.isEmpty()) {
            throw new ServiceException(MerchantApiErrorCodes.CALLBACK_NOT_FOUND);
        }
        return found.get(0);
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        }
        return ((Timestamp) v).toInstant();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }

    private String json(Object body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newNotifyId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }
}
