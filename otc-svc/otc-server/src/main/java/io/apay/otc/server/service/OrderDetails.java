package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.otc.api.OtcErrorCodes;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.server.controller.admin.vo.OrderDetailView;
import io.apay.otc.server.controller.admin.vo.PaymentReportView;
import io.apay.otc.server.dal.dataobject.AcceptorDO;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.dal.dataobject.PaymentReportDO;
import io.apay.otc.server.dal.mapper.AcceptorMapper;
import io.apay.otc.server.dal.mapper.ConsoleMapper;
import io.apay.otc.server.dal.mapper.PaymentReportMapper;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * One order as operators see it, with its timeline built from what otc-svc records: the order's own timestamps, its
 * payment reports, and the op-log rows of operators' decisions on it (AppealService's methods take the order number
 * as their {@code orderNo} argument, which the op-log aspect writes into {@code args}).
 */
@Service
public class OrderDetails {

    static final String APPEAL = "otc.order.appeal";
    static final String RESOLVE = "otc.order.appeal.resolve";
    static final String RELEASE = "otc.order.release";
    /** How far the op-log's time of a step may be after the change it made (write latency, the two clocks). */
    private static final Duration STEP_SKEW = Duration.ofSeconds(2);
    /** Events of the same millisecond keep the order in which they happen to an order. */
    private static final List<String> SEQUENCE = List.of("CREATED", "REPORTED", "APPEAL_OPENED", "RELEASED_BY_HAND",
            "APPEAL_RESOLVED", "PAID", "COMPLETED", "EXPIRED", "CANCELLED");

    private final OrderService orderService;
    private final OrderViews views;
    private final AcceptorMapper acceptors;
    private final PaymentReportMapper reports;
    private final PaymentReports reportViews;
    private final ConsoleMapper console;
    private final ObjectMapper json;

    public OrderDetails(OrderService orderService, OrderViews views, AcceptorMapper acceptors, PaymentReportMapper reports,
                        PaymentReports reportViews, ConsoleMapper console, ObjectMapper json) {
        this.orderService = orderService;
        this.views = views;
        this.acceptors = acceptors;
        this.reports = reports;
        this.reportViews = reportViews;
        this.console = console;
        this.json = json;
    }

    /** The order, its acceptor, its payment reports and its timeline; 16001 if there is no such order. */
    public OrderDetailView detail(String orderNo) {
        OrderDO o = orderService.owned(null, orderNo);
        AcceptorDO a = acceptors.selectById(o.getAcceptorId());
        List<PaymentReportDO> rs = reports.selectList(new LambdaQueryWrapper<PaymentReportDO>().eq(PaymentReportDO::getOrderId, o.getId())
                .or(o.getPaymentReportId() != null, w -> w.eq(PaymentReportDO::getId, o.getPaymentReportId()))
                .orderByAsc(PaymentReportDO::getId));
        List<PaymentReportView> reportList = rs.stream().map(reportViews::view).toList();
        OrderView view = views.view(o);
        return new OrderDetailView(view, new OrderDetailView.Acceptor(o.getAcceptorId(), a == null ? null : a.getDisplayName()),
                reportList, timeline(o, view, rs));
    }

    /** The order's coin amounts are taken from its view: at the coin's scale, like everywhere else. */
    private List<OrderDetailView.Event> timeline(OrderDO o, OrderView view, List<PaymentReportDO> rs) {
        List<OrderDetailView.Event> events = new ArrayList<>();
        events.add(event(o.getCreatedAt(), "CREATED", "merchantNo", o.getMerchantNo(), "acceptorId", o.getAcceptorId(),
                "adId", o.getAdId(), "channel", o.getChannel(), "fiatCurrency", o.getFiatCurrency(), "fiatAmount", o.getFiatAmount(),
                "payableAmount", o.getPayableAmount(), "coin", o.getCoin(), "coinAmount", view.coinAmount(), "rate", o.getRate(),
                "expiresAt", OrderViews.instant(o.getExpiresAt())));
        String payingReport = null;
        for (PaymentReportDO r : rs) {
            if (r.getId().equals(o.getPaymentReportId())) {
                payingReport = r.getReportId();
            }
            events.add(event(r.getCreatedAt(), "REPORTED", "reportId", r.getReportId(), "amount", r.getAmount(),
                    "fiatCurrency", r.getFiatCurrency(), "channel", r.getChannel(), "deviceId", r.getDeviceId(),
                    "paidAt", OrderViews.instant(r.getPaidAt()), "status", r.getStatus(), "unmatchedReason", r.getUnmatchedReason()));
        }
        if (o.getPaidAt() != null) {
            // no report: an operator released it by hand (or resolved an unpaid appeal with RELEASE)
            events.add(event(o.getPaidAt(), "PAID", "reportId", payingReport));
        }
        OrderStatus status = OrderStatus.valueOf(o.getStatus());
        if (status == OrderStatus.COMPLETED && o.getCompletedAt() != null) {
            events.add(event(o.getCompletedAt(), "COMPLETED", "settleTxnId", o.getSettleTxnId(), "coin", o.getCoin(),
                    "coinAmount", view.coinAmount(), "merchantCoinAmount", view.merchantCoinAmount(), "feeCoinAmount", view.feeCoinAmount()));
        } else if ((status == OrderStatus.EXPIRED || status == OrderStatus.CANCELLED) && o.getClosedAt() != null) {
            events.add(event(o.getClosedAt(), status.name()));
        }
        events.addAll(operatorSteps(o));
        events.sort(Comparator.comparing(OrderDetailView.Event::at).thenComparing(e -> SEQUENCE.indexOf(e.event())));
        return events;
    }

    /**
     * Operators' decisions from the op-log: only what took effect (SUCCESS), and a CANCEL refused with 16007 because
     * the ledger had settled the order, which then completed. At the start of the request (created_at is its end).
     */
    private List<OrderDetailView.Event> operatorSteps(OrderDO o) {
        String argsLike = "%\"orderNo\":" + likeEscaped(jsonString(o.getOrderNo())) + "%";
        // the op-log's clock is the database's, the order's the service's: a minute either way is plenty
        List<ConsoleMapper.OpLogRow> rows = console.opLogs(List.of(APPEAL, RESOLVE, RELEASE), o.getCreatedAt().minusMinutes(1), argsLike);
        List<OrderDetailView.Event> events = new ArrayList<>();
        for (ConsoleMapper.OpLogRow r : rows) {
            boolean settledInstead = RESOLVE.equals(r.operation) && Integer.valueOf(OtcErrorCodes.ORDER_ALREADY_SETTLED.code()).equals(r.errorCode);
            if (!"SUCCESS".equals(r.outcome) && !settledInstead) {
                continue;
            }
            JsonNode args = args(r.args);
            if (!o.getOrderNo().equals(args.path("orderNo").asText(null))) {
                continue; // LIKE matched inside another value (a reason quoting the number): not this order's step
            }
            LocalDateTime at = stepTime(o, r);
            switch (r.operation) {
                case APPEAL -> events.add(event(at, "APPEAL_OPENED", "from", o.getAppealFrom(), "reason", r.reason,
                        "operatorId", r.actorId, "actorType", r.actorType));
                case RESOLVE -> events.add(event(at, "APPEAL_RESOLVED",
                        "decision", settledInstead || args.path("release").asBoolean(false) ? "RELEASE" : "CANCEL",
                        "reason", r.reason, "operatorId", r.actorId, "actorType", r.actorType,
                        "note", settledInstead ? "CANCEL was asked; the ledger had settled the order (16007), so it completed" : null));
                default -> events.add(event(at, "RELEASED_BY_HAND", "reason", r.reason, "operatorId", r.actorId, "actorType", r.actorType));
            }
        }
        return events;
    }

    /**
     * When an operator's step happened: the start of its request (the op-log row is written at its end, by the
     * database's clock, a little after the aspect stopped its timer), but never after a status change the step made
     * (paid, completed or closed within the request): a decision comes before what it causes.
     */
    private static LocalDateTime stepTime(OrderDO o, ConsoleMapper.OpLogRow r) {
        LocalDateTime start = r.createdAt.minusNanos(r.durationMs * 1_000_000L);
        if (APPEAL.equals(r.operation)) {
            return start; // records no timestamp of its own on the order
        }
        LocalDateTime at = start;
        for (LocalDateTime effect : new LocalDateTime[] {o.getPaidAt(), o.getCompletedAt(), o.getClosedAt()}) {
            if (effect != null && effect.isBefore(at) && !effect.isBefore(start.minus(STEP_SKEW)) && !effect.isAfter(r.createdAt)) {
                at = effect;
            }
        }
        return at;
    }

    private JsonNode args(String args) {
        try {
            return args == null ? json.createObjectNode() : json.readTree(args);
        } catch (Exception e) {
            return json.createObjectNode(); // cut at the op-log's 4000 characters: not ours to read
        }
    }

    private String jsonString(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** An event; {@code kv} alternates names and values (nulls are left out). */
    private static OrderDetailView.Event event(LocalDateTime at, String name, Object... kv) {
        Map<String, Object> detail = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                detail.put((String) kv[i], kv[i + 1]);
            }
        }
        return new OrderDetailView.Event(OrderViews.instant(at), name, detail);
    }
}
