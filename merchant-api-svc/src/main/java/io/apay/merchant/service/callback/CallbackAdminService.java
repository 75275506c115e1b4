package io.apay.merchant.service.callback;

import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.merchant.MerchantApiErrorCodes;
import io.apay.merchant.controller.admin.vo.CallbackDetail;
import io.apay.merchant.controller.admin.vo.CallbackRow;
import io.apay.merchant.controller.admin.vo.CallbackSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The callback delivery log for operators (docs/admin.md, "Callback deliveries"): every merchant's deliveries, one
 * with its attempts, a redelivery by hand through {@link CallbackService#redeliver(long, boolean)} (the merchant's own
 * mechanism: one attempt now, under the same lease), and the dashboard's counts.
 */
@Service
public class CallbackAdminService {

    /** A delivery with its latest attempt (the highest number: the last one claimed). */
    private static final String ROW = "SELECT d.id, d.notify_id, d.merchant_no, d.order_no, d.payout_no, d.event_type, d.notify_url, d.status,"
            + " d.attempts, d.next_attempt_at, d.delivered_at, d.created_at, a.http_status AS last_http_status, a.error AS last_error,"
            + " a.attempted_at AS last_attempt_at FROM callback_delivery d LEFT JOIN callback_attempt a ON a.delivery_id = d.id"
            + " AND a.attempt_no = (SELECT MAX(x.attempt_no) FROM callback_attempt x WHERE x.delivery_id = d.id)";

    private final JdbcTemplate jdbc;
    private final CallbackService callbacks;
    private final Clock clock;

    public CallbackAdminService(JdbcTemplate jdbc, CallbackService callbacks, Clock clock) {
        this.jdbc = jdbc;
        this.callbacks = callbacks;
        this.clock = clock;
    }

    /**
     * Newest first. {@code failing}: PENDING after at least one attempt, or GAVE_UP (with {@code status}, both apply);
     * {@code status} is one of {@link CallbackStatus} (the controller checks it).
     */
    public PageResult<CallbackRow> list(String merchantNo, String orderNo, String status, boolean failing, PageParam page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (merchantNo != null) {
            where.append(" AND d.merchant_no = ?");
            args.add(merchantNo);
        }
        if (orderNo != null) {
            where.append(" AND d.order_no = ?");
            args.add(orderNo);
        }
        if (status != null) {
            where.append(" AND d.status = ?");
            args.add(CallbackStatus.valueOf(status).name());
        }
        if (failing) {
            where.append(" AND ((d.status = 'PENDING' AND d.attempts > 0) OR d.status = 'GAVE_UP')");
        }
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM callback_delivery d" + where, Long.class, args.toArray());
        if (total == 0) {
            return PageResult.empty();
        }
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(page.size());
        pageArgs.add(page.offset());
        List<CallbackRow> rows = jdbc.query(ROW + where + " ORDER BY d.id DESC LIMIT ? OFFSET ?", (rs, i) -> row(rs), pageArgs.toArray());
        return new PageResult<>(rows, total);
    }

    public CallbackRow get(long id) {
        List<CallbackRow> found = jdbc.query(ROW + " WHERE d.id = ?", (rs, i) -> row(rs), id);
        if (found.isEmpty()) {
            throw new ServiceException(MerchantApiErrorCodes.CALLBACK_NOT_FOUND);
        }
        return found.get(0);
    }

    public CallbackDetail detail(long id) {
        CallbackRow r = get(id);
        String payload = jdbc.queryForObject("SELECT payload FROM callback_delivery WHERE id = ?", String.class, id);
        return new CallbackDetail(r.id(), r.notifyId(), r.merchantNo(), r.orderNo(), r.payoutNo(), r.eventType(), r.notifyUrl(),
                r.status(), r.attempts(), r.nextAttemptAt(), r.deliveredAt(), r.createdAt(), r.lastHttpStatus(), r.lastError(),
                r.lastAttemptAt(), payload, callbacks.delivery(id).attemptLog());
    }

    /**
     * One attempt now, as the merchant's own redelivery makes it (synchronously, under the delivery's lease), of a
     * DELIVERED callback too: the merchant lost it (it stays DELIVERED whatever this attempt's outcome). While another
     * attempt holds the delivery none is made, and a TEST callback is never sent twice: refused with
     * {@link MerchantApiErrorCodes#REDELIVERY_NOT_SENT}, so the operator (and the op-log) sees that nothing was sent.
     */
    @OperationLog(value = "merchant.callback.redeliver", reasonRequired = true)
    public CallbackRow redeliver(long id, String reason) {
        CallbackRow before = get(id);
        if (!callbacks.redeliver(id, true)) {
            throw new ServiceException(MerchantApiErrorCodes.REDELIVERY_NOT_SENT);
        }
        CallbackRow after = get(id);
        OperationLogContext.recordChange(before, after);
        return after;
    }

    public CallbackSummary summary() {
        Map<String, Object> open = jdbc.queryForMap("SELECT COALESCE(SUM(status = 'PENDING'), 0) AS pending,"
                + " COALESCE(SUM(status = 'PENDING' AND attempts > 0), 0) AS failing, COALESCE(SUM(status = 'GAVE_UP'), 0) AS gave_up"
                + " FROM callback_delivery WHERE status IN ('PENDING', 'GAVE_UP')");
        Instant today = clock.instant().truncatedTo(ChronoUnit.DAYS); // 00:00 UTC
        long deliveredToday = jdbc.queryForObject("SELECT COUNT(*) FROM callback_delivery WHERE status = 'DELIVERED' AND delivered_at >= ?",
                Long.class, Timestamp.from(today));
        return new CallbackSummary(number(open.get("pending")), number(open.get("failing")), number(open.get("gave_up")), deliveredToday);
    }

    private static long number(Object v) {
        return ((Number) v).longValue();
    }

    private static CallbackRow row(ResultSet rs) throws SQLException {
        return new CallbackRow(rs.getLong("id"), rs.getString("notify_id"), rs.getString("merchant_no"), rs.getString("order_no"),
                rs.getString("payout_no"), rs.getString("event_type"), rs.getString("notify_url"), rs.getString("status"),
                rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "delivered_at"), instant(rs, "created_at"),
                rs.getObject("last_http_status", Integer.class), rs.getString("last_error"), instant(rs, "last_attempt_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
