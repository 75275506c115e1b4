package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.core.validation.PlainText;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.common.web.security.RequestIdentity;
import io.apay.otc.api.OtcErrorCodes;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.controller.admin.vo.PaymentReportView;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.dal.dataobject.PaymentReportDO;
import io.apay.otc.server.dal.mapper.OrderMapper;
import io.apay.otc.server.dal.mapper.PaymentReportMapper;
import io.apay.push.api.event.PaymentReceivedEvent;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The buyers' payments as the monitors report them, and the matching rules (docs/otc-order.md, "Matching a
 * payment"): a report pays the open order holding exactly its amount on its channel, and only if the buyer paid
 * within that order's life (allowing {@code apay.otc.match-clock-skew}). The report is MATCHED only when its order
 * became PAID through it; every other report is kept UNMATCHED for review, naming the order it most probably
 * belongs to and why it did not pay it.
 */
@Service
public class PaymentReports {

    /** Why a report paid nothing: a late payment, a second payment, a payment outside the open order's life, none. */
    public enum Unmatched { ORDER_CLOSED, ORDER_NOT_OPEN, OUTSIDE_ORDER_LIFE, NO_OPEN_ORDER }

    private static final Logger log = LoggerFactory.getLogger(PaymentReports.class);
    /** payment_report.payer_remark: VARCHAR(128), characters (code points) in utf8mb4. */
    private static final int PAYER_REMARK_CHARS = 128;

    private final PaymentReportMapper reports;
    private final OrderMapper orders;
    private final OrderLifecycle lifecycle;
    private final SettlementStep settlement;
    private final OtcProperties props;
    private final Clock clock;

    public PaymentReports(PaymentReportMapper reports, OrderMapper orders, OrderLifecycle lifecycle,
                          SettlementStep settlement, OtcProperties props, Clock clock) {
        this.reports = reports;
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.settlement = settlement;
        this.props = props;
        this.clock = clock;
    }

    /**
     * A monitor's report, inside the event consumer's transaction; the settlement starts after it commits. The
     * report is stored with the outcome its read expects (MATCHED to the open order holding its amount), so the
     * common case writes it once; only a report that pays nothing, or loses a race for its order, is marked again.
     */
    public void onPaymentReceived(PaymentReceivedEvent e) {
        boolean exactCents = e.amount().stripTrailingZeros().scale() <= 2;
        LocalDateTime paidAt = LocalDateTime.ofInstant(e.paidAt(), ZoneOffset.UTC);
        OrderDO open = !exactCents ? null
                : orders.openHolding(e.acceptorId(), e.channel().name(), e.currency(), e.amount().setScale(2, RoundingMode.UNNECESSARY));
        boolean pays = open != null && paidDuringLife(open, paidAt);
        PaymentReportDO r = new PaymentReportDO();
        r.setReportId(e.reportId());
        r.setAcceptorId(e.acceptorId());
        r.setDeviceId(e.deviceId());
        r.setNotificationId(e.notificationId());
        r.setChannel(e.channel().name());
        r.setFiatCurrency(e.currency());
        r.setAmount(e.amount());
        // the buyer's text, for operators: no control or bidi characters, cut to the column between code points
        r.setPayerRemark(PlainText.Validator.sanitize(e.payerRemark(), PAYER_REMARK_CHARS));
        r.setPaidAt(paidAt);
        r.setCreatedAt(LocalDateTime.now(clock));
        r.setStatus(pays ? PaymentReportDO.MATCHED : PaymentReportDO.UNMATCHED);
        r.setOrderId(pays ? open.getId() : null);
        try {
            reports.insert(r);
        } catch (DuplicateKeyException dup) {
            return; // the same report again: it was handled
        }
        if (pays) {
            OrderDO paidBy = new OrderDO();
            paidBy.setPaymentReportId(r.getId());
            if (lifecycle.move(open, OrderStatus.Transition.PAY, paidBy)) {
                settlement.settleAfterCommit(open);
                return;
            }
            open = orders.selectById(open.getId()); // lost a race (expiry, a close, another report): say to what
        } else if (exactCents) {
            OrderDO probable = orders.probableFor(e.acceptorId(), e.channel().name(), e.currency(),
                    e.amount().setScale(2, RoundingMode.UNNECESSARY), paidAt.plus(props.getMatchClockSkew()));
            open = probable != null ? probable : open;
        }
        Unmatched why = open == null ? Unmatched.NO_OPEN_ORDER
                : OrderStatus.valueOf(open.getStatus()) == OrderStatus.EXPIRED || OrderStatus.valueOf(open.getStatus()) == OrderStatus.CANCELLED
                ? Unmatched.ORDER_CLOSED
                : OrderStatus.valueOf(open.getStatus()) == OrderStatus.CREATED ? Unmatched.OUTSIDE_ORDER_LIFE : Unmatched.ORDER_NOT_OPEN;
        mark(r, PaymentReportDO.UNMATCHED, why, open == null ? null : open.getId());
        log.warn("payment report {} of acceptor {} ({} {} on {}, paid {}) paid no order: kept for review as {}",
                e.reportId(), e.acceptorId(), e.amount(), e.currency(), e.channel(), e.paidAt(), why);
    }

    /** The buyer paid between the order's creation and its expiry, give or take the monitor's clock skew. */
    private boolean paidDuringLife(OrderDO o, LocalDateTime paidAt) {
        return !paidAt.isBefore(o.getCreatedAt().minus(props.getMatchClockSkew()))
                && !paidAt.isAfter(o.getExpiresAt().plus(props.getMatchClockSkew()));
    }

    private void mark(PaymentReportDO r, String status, Unmatched why, Long orderId) {
        PaymentReportDO change = new PaymentReportDO();
        change.setId(r.getId());
        change.setStatus(status);
        change.setUnmatchedReason(why == null ? null : why.name());
        change.setOrderId(orderId);
        reports.updateById(change);
    }

    public PageResult<PaymentReportView> list(String status, PageParam page) {
        Page<PaymentReportDO> result = reports.selectPage(new Page<>(page.page(), page.size()), new LambdaQueryWrapper<PaymentReportDO>()
                .eq(status != null, PaymentReportDO::getStatus, status).orderByDesc(PaymentReportDO::getId));
        return new PageResult<>(result.getRecords().stream().map(this::view).toList(), result.getTotal());
    }

    PaymentReportView view(PaymentReportDO r) {
        String orderNo = r.getOrderId() == null ? null : orders.selectById(r.getOrderId()).getOrderNo();
        return new PaymentReportView(r.getReportId(), r.getAcceptorId(), r.getDeviceId(), r.getNotificationId(), r.getChannel(),
                r.getFiatCurrency(), r.getAmount(), r.getPayerRemark(), OrderViews.instant(r.getPaidAt()), r.getStatus(),
                r.getUnmatchedReason(), orderNo, r.getReviewNote(), r.getReviewedBy(), OrderViews.instant(r.getCreatedAt()));
    }

    /** An operator closes the review of a late or unmatched payment (what was done with the money goes in the note). */
    @OperationLog(value = "otc.report.review", reasonRequired = true)
    public PaymentReportView review(String reportId, String reason) {
        PaymentReportDO existing = reports.selectOne(new LambdaQueryWrapper<PaymentReportDO>().eq(PaymentReportDO::getReportId, reportId));
        if (existing == null) {
            throw new ServiceException(OtcErrorCodes.REPORT_NOT_FOUND);
        }
        PaymentReportView before = view(existing);
        PaymentReportDO change = new PaymentReportDO();
        change.setStatus(PaymentReportDO.REVIEWED);
        change.setReviewNote(reason);
        change.setReviewedBy(RequestIdentity.operatorId().orElse(null));
        if (reports.update(change, new LambdaQueryWrapper<PaymentReportDO>().eq(PaymentReportDO::getId, existing.getId())
                .eq(PaymentReportDO::getStatus, PaymentReportDO.UNMATCHED)) != 1) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE, "report " + reportId + " is not waiting for review");
        }
        PaymentReportView after = view(reports.selectById(existing.getId()));
        OperationLogContext.recordChange(before, after);
        return after;
    }
}
