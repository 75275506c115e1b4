package io.apay.merchant.service.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.json.ApayJackson;
import io.apay.merchant.MerchantApiErrorCodes;
import io.apay.merchant.config.PlatformKey;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
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
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed callbacks to merchants (an order's or a payout's end, or a test), delivered until acknowledged ({@code 2xx} with body {@code success}) along the
 * published retry schedule, every attempt logged. Every attempt (scheduled or redelivery) first takes a lease on the
 * row with a conditional UPDATE (a new delivery's first attempt takes it with the row's INSERT), so several replicas,
 * the retry job and a merchant's redelivery never run two attempts at once; an outcome is written conditionally, so nothing undoes DELIVERED (an operator's redelivery of a
 * callback the merchant lost sends it again and logs the attempt, but the delivery keeps its status and delivery
 * time) and a stale attempt's failure is dropped. A {@link #TEST_EVENT} delivery is attempted once and never again, neither retried nor redelivered: a
 * merchant's one call must not make the platform POST to a host along the whole schedule.
 */
public class CallbackService {

    private static final Logger log = LoggerFactory.getLogger(CallbackService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The event type of a test callback ({@code POST /merchant-api/callbacks/test}): one attempt only. */
    public static final String TEST_EVENT = "TEST";
    /** Which deliveries may be claimed for an attempt at all: a test callback only for its first. */
    private static final String MAY_ATTEMPT = "(event_type <> '" + TEST_EVENT + "' OR attempts = 0)";

    /** A delivery as the log shows it. */
    public record Delivery(long id, String notifyId, String orderNo, String payoutNo, String eventType, String notifyUrl,
                           String status, int attempts, Instant nextAttemptAt, Instant deliveredAt, Instant createdAt, List<Attempt> attemptLog) {
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
        return attemptAfterCommit(insert(merchantNo, orderNo, null, eventType, notifyUrl, fields, true));
    }

    /**
     * Records a payout's callback (once per merchant, payout and event type) and, after the caller's transaction
     * commits, makes its first attempt on the callback pool, as {@link #enqueue} does for an order's.
     */
    public long enqueuePayout(String merchantNo, String payoutNo, String eventType, String notifyUrl, Map<String, Object> fields) {
        return attemptAfterCommit(insert(merchantNo, null, payoutNo, eventType, notifyUrl, fields, true));
    }

    /**
     * A delivery as {@link #insert} left it: {@code sent} holds what the attempt sends (event_type, notify_url, payload,
     * signature) when this call inserted it claimed for attempt 1, to be sent on that claim only before {@code sendBy};
     * both null otherwise.
     */
    private record Recorded(long id, Map<String, Object> sent, Instant sendBy) {
    }

    private long attemptAfterCommit(Recorded r) {
        // a delivery inserted just now was claimed by its insert for attempt 1 and needs nothing read back for it
        afterCommit(() -> executor.execute(() -> {
            // only in the first half of the insert's lease (sendBy; the lease, 60 s, outlasts an attempt, at most 13 s): a task
            // that waited longer in the pool goes through a claim like any other, as the retry job may take the
            // delivery once the lease ends
            if (r.sent() != null && clock.instant().isBefore(r.sendBy())) {
                attempt(r.id(), 1, r.sent());
            } else {
                attemptIfDue(r.id());
            }
        }));
        return r.id();
    }

    /** Records a callback, due now, without attempting it; the delivery id (the existing one for a repeat). */
    public long record(String merchantNo, String orderNo, String eventType, String notifyUrl, Map<String, Object> fields) {
        return insert(merchantNo, orderNo, null, eventType, notifyUrl, fields, false).id();
    }

    /**
     * One delivery per (merchant, order or payout, event type): a repeat finds the first one's id. With
     * {@code claimFirstAttempt} the row is inserted already claimed for attempt 1, as {@link #claim} would leave it
     * (attempts 1, leased and rescheduled to the lease's end): the attempt after the commit needs no UPDATE of its own,
     * and if it never runs (a crash, a full callback pool) the due scan takes the delivery once the lease ends.
     */
    private Recorded insert(String merchantNo, String orderNo, String payoutNo, String eventType, String notifyUrl, Map<String, Object> fields,
                            boolean claimFirstAttempt) {
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
            Instant now = clock.instant();
            Timestamp leasedUntil = claimFirstAttempt ? ts(now.plus(props.getLease())) : null;
            Object[] args = {notifyId, merchantNo, orderNo, payoutNo, eventType, notifyUrl, payload, signature, claimFirstAttempt ? 1 : 0,
                    claimFirstAttempt ? leasedUntil : ts(now), leasedUntil, ts(now)};
            long id = insertReturningId(args);
            return !claimFirstAttempt ? new Recorded(id, null, null) : new Recorded(id, Map.of("event_type", eventType, "notify_url", notifyUrl,
                    "payload", payload, "signature", signature), now.plus(props.getLease().dividedBy(2)));
        } catch (DuplicateKeyException e) {
            return new Recorded(jdbc.queryForObject("SELECT id FROM callback_delivery WHERE merchant_no = ? AND order_no <=> ? AND payout_no <=> ? AND event_type = ?",
                    Long.class, merchantNo, orderNo, payoutNo, eventType), null, null);
        }
    }

    /** Inserts a delivery row; its id comes back with the insert's answer (no second round trip to read it). */
    private long insertReturningId(Object[] args) {
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("INSERT INTO callback_delivery (notify_id, merchant_no, order_no, payout_no, event_type,"
                    + " notify_url, payload, signature, status, attempts, next_attempt_at, leased_until, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
            new ArgumentPreparedStatementSetter(args).setValues(ps);
            return ps;
        }, id);
        return id.getKey().longValue();
    }

    /**
     * Claims every due delivery for a lease and sends them on the callback pool (the retry job calls this each tick
     * and must not wait for slow receivers); returns how many were claimed. A claim the pool has no room for is
     * tried again when its lease ends.
     */
    public int deliverDue(int limit) {
        Map<Long, Integer> claimed = tx.execute(s -> {
            Map<Long, Integer> attempts = new LinkedHashMap<>();
            for (Long id : jdbc.queryForList("SELECT id FROM callback_delivery WHERE status = 'PENDING' AND next_attempt_at <= ?"
                    + " AND " + MAY_ATTEMPT + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED", Long.class, ts(clock.instant()), limit)) {
                int attemptNo = claim(id, Claim.DUE);
                if (attemptNo > 0) {
                    attempts.put(id, attemptNo);
                }
            }
            return attempts;
        });
        claimed.forEach((id, attemptNo) -> executor.execute(() -> attempt(id, attemptNo)));
        return claimed.size();
    }

    /** One attempt now, if nobody else holds the delivery and it is still due. */
    public void attemptIfDue(long id) {
        int attemptNo = claim(id, Claim.DUE);
        if (attemptNo > 0) {
            attempt(id, attemptNo);
        }
    }

    /**
     * A merchant asks for one more attempt now, whatever the schedule (also after it gave up), of a delivery not
     * yet acknowledged. While another attempt holds the delivery, none is added: the delivery is answered as it stands.
     */
    public Delivery redeliver(long id) {
        redeliver(id, false);
        return delivery(id);
    }

    /**
     * As {@link #redeliver(long)}; with {@code alsoDelivered} (an operator's redelivery) a DELIVERED callback is sent
     * again too, because the merchant lost it: the same body, the attempt logged, but the delivery stays DELIVERED
     * with its first delivery time whatever this attempt's outcome (the merchant acknowledged it once). Answers
     * whether an attempt was made: not while another attempt holds the delivery, nor for a TEST callback sent once.
     */
    public boolean redeliver(long id, boolean alsoDelivered) {
        int attemptNo = claim(id, alsoDelivered ? Claim.ANY_TIME : Claim.ANY_TIME_UNDELIVERED);
        if (attemptNo > 0) {
            attempt(id, attemptNo);
        }
        return attemptNo > 0;
    }

    /** Which deliveries an attempt may take: due ones (the schedule), any not delivered (a merchant), any (an operator). */
    private enum Claim {
        DUE, ANY_TIME_UNDELIVERED, ANY_TIME
    }

    /**
     * Takes the delivery for one attempt: one conditional UPDATE that succeeds only if no attempt holds a lease on
     * it and nobody claimed it since we looked. The attempt's number (the new {@code attempts}) is its claim: its
     * outcome is written only while {@code attempts} still equals it. Answers that number, or 0 if not taken.
     */
    private int claim(long id, Claim which) {
        List<Integer> seen = jdbc.queryForList("SELECT attempts FROM callback_delivery WHERE id = ?", Integer.class, id);
        return seen.isEmpty() ? 0 : claim(id, which, seen.get(0));
    }

    /** {@link #claim(long, Claim)} of a delivery last seen with {@code seenAttempts} attempts. */
    private int claim(long id, Claim which, int seenAttempts) {
        Instant now = clock.instant();
        String due = MAY_ATTEMPT + switch (which) {
            case DUE -> " AND status = 'PENDING' AND next_attempt_at <= ?";
            case ANY_TIME_UNDELIVERED -> " AND status <> 'DELIVERED'";
            case ANY_TIME -> "";
        };
        List<Object> args = new ArrayList<>(List.of(ts(now.plus(props.getLease())), ts(now.plus(props.getLease())), id, seenAttempts, ts(now)));
        if (which == Claim.DUE) {
            args.add(ts(now));
        }
        // next_attempt_at moves past the lease too, so the due scan passes it by while it is held; a DELIVERED one
        // (only an operator's claim takes it) stays DELIVERED and unscheduled: the merchant acknowledged it once
        int taken = jdbc.update("UPDATE callback_delivery SET status = IF(status = 'DELIVERED', status, 'PENDING'), attempts = attempts + 1,"
                + " next_attempt_at = IF(status = 'DELIVERED', NULL, ?), leased_until = ?"
                + " WHERE id = ? AND attempts = ? AND (leased_until IS NULL OR leased_until <= ?) AND " + due, args.toArray());
        return taken == 1 ? seenAttempts + 1 : 0;
    }

    private void attempt(long id, int attemptNo) {
        attempt(id, attemptNo, jdbc.queryForMap("SELECT event_type, notify_url, payload, signature FROM callback_delivery WHERE id = ?", id));
    }

    /** The attempt, sending {@code d}: the delivery's event_type, notify_url, payload and signature. */
    private void attempt(long id, int attemptNo, Map<String, Object> d) {
        CallbackSender.Outcome o = sender.send((String) d.get("notify_url"), (String) d.get("payload"), (String) d.get("signature"),
                platformKey.fingerprint());
        Instant now = clock.instant();
        String dropped = tx.execute(s -> {
            // the log keeps every attempt that was made, a stale one too
            jdbc.update("INSERT INTO callback_attempt (delivery_id, attempt_no, attempted_at, http_status, latency_ms, response_snippet,"
                            + " error, acknowledged) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    id, attemptNo, ts(now), o.httpStatus(), o.latencyMs(), o.responseSnippet(), o.error(), o.acknowledged());
            if (o.acknowledged()) {
                // the merchant has it, whichever attempt brought it: nothing goes back from DELIVERED
                if (jdbc.update("UPDATE callback_delivery SET status = 'DELIVERED', delivered_at = ?, next_attempt_at = NULL, leased_until = NULL"
                        + " WHERE id = ? AND status <> 'DELIVERED'", ts(now), id) == 1) {
                    return null;
                }
            } else {
                boolean last = TEST_EVENT.equals(d.get("event_type")) || attemptNo > props.getRetrySchedule().size();
                Instant next = last ? null : now.plus(props.getRetrySchedule().get(attemptNo - 1));
                // a failure counts only while this attempt still holds the delivery: not after a later claim or a delivery
                if (jdbc.update("UPDATE callback_delivery SET status = ?, next_attempt_at = ?, leased_until = NULL"
                        + " WHERE id = ? AND attempts = ? AND status = 'PENDING'", last ? "GAVE_UP" : "PENDING", next == null ? null : ts(next),
                        id, attemptNo) == 1) {
                    return null;
                }
            }
            // DELIVERED already (an operator sent it again, or another attempt was acknowledged first): it stays as the
            // merchant acknowledged it; this attempt only gives back its lease, if it still holds it
            if (jdbc.update("UPDATE callback_delivery SET leased_until = NULL WHERE id = ? AND attempts = ? AND status = 'DELIVERED'",
                    id, attemptNo) == 1) {
                return " (delivered before: stays DELIVERED)";
            }
            return " (a later attempt holds the delivery: result dropped)";
        });
        if (!o.acknowledged()) {
            log.info("callback {} attempt {} not acknowledged: status {} {}{}", id, attemptNo, o.httpStatus(), o.error() == null ? "" : o.error(),
                    dropped == null ? "" : dropped);
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

    public List<Delivery> deliveriesOfPayout(String merchantNo, String payoutNo) {
        return jdbc.queryForList("SELECT id FROM callback_delivery WHERE merchant_no = ? AND payout_no = ? ORDER BY id", Long.class,
                merchantNo, payoutNo).stream().map(this::delivery).toList();
    }

    public Delivery delivery(long id) {
        Map<String, Object> d = jdbc.queryForMap("SELECT * FROM callback_delivery WHERE id = ?", id);
        List<Attempt> attempts = jdbc.query("SELECT * FROM callback_attempt WHERE delivery_id = ? ORDER BY attempt_no",
                (rs, i) -> new Attempt(rs.getInt("attempt_no"), rs.getTimestamp("attempted_at").toInstant(),
                        (Integer) rs.getObject("http_status"), rs.getLong("latency_ms"), rs.getString("response_snippet"),
                        rs.getString("error"), rs.getBoolean("acknowledged")), id);
        return new Delivery(id, (String) d.get("notify_id"), (String) d.get("order_no"), (String) d.get("payout_no"),
                (String) d.get("event_type"),
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
