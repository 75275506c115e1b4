package io.apay.otc.server.controller.admin.vo;

import io.apay.otc.api.dto.OrderView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One order for operators: the order, its acceptor, the payment reports that paid it or name it (a late, second or
 * out-of-life payment of its amount), and its timeline in time order, built from what is recorded: CREATED,
 * REPORTED (one per report, at its arrival), PAID, COMPLETED, EXPIRED or CANCELLED from the order's timestamps, and
 * APPEAL_OPENED, APPEAL_RESOLVED, RELEASED_BY_HAND from otc-svc's op-log (at the start of the operator's request).
 */
public record OrderDetailView(OrderView order, Acceptor acceptor, List<PaymentReportView> reports, List<Event> timeline) {

    public record Acceptor(long userId, String displayName) {
    }

    /** {@code detail}: what the event recorded (amounts are strings, times ISO-8601 UTC). */
    public record Event(Instant at, String event, Map<String, Object> detail) {
    }
}
