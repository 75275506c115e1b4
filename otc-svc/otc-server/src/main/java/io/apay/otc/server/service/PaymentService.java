package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.common.web.security.RequestIdentity;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.dto.PostingView;
import io.apay.ledger.api.dto.SettleHoldRequest;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.otc.api.OtcErrorCodes;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.dal.dataobject.AdDO;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.controller.admin.vo.PaymentReportView;
import io.apay.otc.server.dal.dataobject.PaymentReportDO;
import io.apay.otc.server.dal.mapper.AdMapper;
import io.apay.otc.server.dal.mapper.OrderMapper;
import io.apay.otc.server.dal.mapper.PaymentReportMapper;
import io.apay.otc.server.dal.mapper.SlotMapper;
import io.apay.push.api.event.PaymentReceivedEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The buyer's payment and the release of the coin. A monitor's report is matched to the open order with exactly
 * that payable amount on that channel (CREATED to PAID); then one idempotent ledger call settles the order's part
 * of the ad's hold - to the merchant minus the platform fee, the acceptor's commission per the fee schedule - and
 * the order is COMPLETED. A report that matches no open order is kept for review. Operators may release an order
 * by hand and resolve appeals.
 */
@Service
public class PaymentService {

    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

    private final OrderMapper orders;
    private final AdMapper ads;
    private final SlotMapper slots;
    private final PaymentReportMapper reports;
    private final OrderService orderService;
    private final OrderViews views;
    private final LedgerApi ledger;
    private final OtcProperties props;
    private final TransactionTemplate tx;
    private final Executor settleExecutor;
    private final Clock clock;

    public PaymentService(OrderMapper orders, AdMapper ads, SlotMapper slots, PaymentReportMapper reports, OrderService orderService,
                          OrderViews views, LedgerApi ledger, OtcProperties props, PlatformTransactionManager txManager,
                          @Qualifier("settleExecutor") Executor settleExecutor, Clock clock) {
        this.orders = orders;
        this.ads = ads;
        this.slots = slots;
        this.reports = reports;
        this.orderService = orderService;
        this.views = views;
        this.ledger = ledger;
        this.props = props;
        this.tx = new TransactionTemplate(txManager);
        this.settleExecutor = settleExecutor;
        this.clock = clock;
    }

    /**
     * A monitor's report, inside the event consumer's transaction (which also records the event as handled). The
     * settlement starts after that transaction commits.
     */
    public void onPaymentReceived(PaymentReceivedEvent e) {
        PaymentReportDO r = new PaymentReportDO();
        r.setReportId(e.reportId());
        r.setAcceptorId(e.acceptorId());
        r.setDeviceId(e.deviceId());
        r.setNotificationId(e.notificationId());
        r.setChannel(e.channel().name());
        r.setFiatCurrency(e.currency());
        r.setAmount(e.amount());
        r.setPayerRemark(e.payerRemark() == null ? null : e.payerRemark().substring(0, Math.min(128, e.payerRemark().length())));
        r.setPaidAt(LocalDateTime.ofInstant(e.paidAt(), ZoneOffset.UTC));
        r.setCreatedAt(now());
        Long orderId = e.amount().stripTrailingZeros().scale() > 2 ? null
                : slots.orderHolding(e.acceptorId(), e.channel().name(), e.currency(), e.amount().setScale(2, RoundingMode.UNNECESSARY));
        OrderDO order = orderId == null ? null : orders.selectById(orderId);
        if (order != null && OrderStatus.CREATED.name().equals(order.getStatus())) {
            r.setStatus(PaymentReportDO.MATCHED);
            r.setOrderId(order.getId());
        } else {
            r.setStatus(PaymentReportDO.UNMATCHED);
            OrderDO late = order != null ? null : lastClosedWithAmount(e);
            r.setUnmatchedReason(order != null ? "ORDER_NOT_OPEN" : late != null ? "ORDER_CLOSED" : "NO_OPEN_ORDER");
            r.setOrderId(order != null ? order.getId() : late != null ? late.getId() : null);
        }
        try {
            reports.insert(r);
        } catch (DuplicateKeyException dup) {
            return; // the same report again: it was handled
        }
        if (order != null && PaymentReportDO.MATCHED.equals(r.getStatus())) {
            if (markPaid(order, r.getId())) {
                settleAfterCommit(order.getId());
            }
        } else {
            log.warn("payment report {} of acceptor {} ({} {} on {}) matches no open order: kept for review as {}",
                    e.reportId(), e.acceptorId(), e.amount(), e.currency(), e.channel(), r.getUnmatchedReason());
        }
    }

    /** An operator releases an unpaid order by hand (the buyer paid; the monitor missed it). */
    @OperationLog(value = "otc.order.release", reasonRequired = true)
    public OrderView releaseByHand(String orderNo, String reason) {
        OrderDO o = orderService.owned(null, orderNo);
        OrderView before = views.view(o);
        Boolean paid = tx.execute(s -> markPaid(o, null));
        if (!Boolean.TRUE.equals(paid)) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE);
        }
        OrderView after = settle(o.getId());
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /** Opens an appeal on an order not yet settled (an operator, for the merchant or the acceptor). */
    @OperationLog(value = "otc.order.appeal", reasonRequired = true)
    public OrderView openAppeal(String orderNo, String reason) {
        OrderDO o = orderService.owned(null, orderNo);
        OrderStatus.Transition t = OrderStatus.CREATED.name().equals(o.getStatus()) ? OrderStatus.Transition.APPEAL_UNPAID
                : OrderStatus.Transition.APPEAL_PAID;
        LocalDateTime now = now();
        if (orders.transition(o.getId(), t.from.name(), t.to.name(), now) != 1) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE);
        }
        OrderDO change = new OrderDO();
        change.setId(o.getId());
        change.setAppealFrom(t.from.name());
        orders.updateById(change);
        OrderView after = views.view(orders.selectById(o.getId()));
        OperationLogContext.recordChange(views.view(o), after);
        return after;
    }

    /** Risk decides an appeal: release (the coin settles to the merchant) or cancel (it goes back to the ad). */
    @OperationLog(value = "otc.order.appeal.resolve", reasonRequired = true)
    public OrderView resolveAppeal(String orderNo, boolean release, String reason) {
        OrderDO o = orderService.owned(null, orderNo);
        OrderView before = views.view(o);
        OrderView after;
        if (release) {
            if (orders.transition(o.getId(), OrderStatus.APPEAL.name(), OrderStatus.PAID.name(), now()) != 1) {
                throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE);
            }
            after = settle(o.getId());
        } else {
            Boolean done = tx.execute(s -> orderService.endUnpaid(o, OrderStatus.Transition.RESOLVE_CANCEL));
            if (!Boolean.TRUE.equals(done)) {
                throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE);
            }
            after = views.view(orders.selectById(o.getId()));
        }
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /**
     * Settles a PAID order in the ledger - one call, idempotent by the order's key, so a retry after a crash or a
     * timeout never pays twice - then completes it. Safe to call any number of times.
     */
    public OrderView settle(long orderId) {
        OrderDO o = orders.selectById(orderId);
        if (!OrderStatus.PAID.name().equals(o.getStatus())) {
            return views.view(o);
        }
        AdDO ad = ads.selectById(o.getAdId());
        TransactionView txn = ledger.settle(ad.getHoldId(), new SettleHoldRequest("order:" + o.getOrderNo() + ":settle",
                o.getCoinAmount(), false, OwnerRef.of(OwnerType.MERCHANT, o.getMerchantNo()), props.getFeeBizType(),
                OwnerRef.of(OwnerType.ACCEPTOR, Long.toString(o.getAcceptorId())), "order:" + o.getOrderNo(),
                "payment order " + o.getOrderNo())).checkedData();
        BigDecimal toMerchant = txn.postings().stream()
                .filter(p -> p.ownerType() == OwnerType.MERCHANT && p.kind() == AccountKind.AVAILABLE)
                .map(PostingView::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        tx.executeWithoutResult(s -> {
            LocalDateTime now = now();
            if (orders.transition(o.getId(), OrderStatus.PAID.name(), OrderStatus.COMPLETED.name(), now) != 1) {
                return; // completed by a concurrent settle of the same order
            }
            OrderDO change = new OrderDO();
            change.setId(o.getId());
            change.setSettleTxnId(txn.txnId());
            change.setMerchantCoinAmount(toMerchant);
            change.setFeeCoinAmount(o.getCoinAmount().subtract(toMerchant));
            change.setCompletedAt(now);
            change.setClosedAt(now);
            orders.updateById(change);
            slots.release(o.getId());
            orderService.announce(orders.selectById(o.getId()), OrderStatus.COMPLETED.name());
        });
        return views.view(orders.selectById(o.getId()));
    }

    /** Settles PAID orders whose settlement did not finish (the ledger was down, the process stopped); the job calls this. */
    public int settlePaid(int limit) {
        List<OrderDO> paid = orders.selectList(new LambdaQueryWrapper<OrderDO>().eq(OrderDO::getStatus, OrderStatus.PAID.name())
                .lt(OrderDO::getPaidAt, now().minusSeconds(10)).orderByAsc(OrderDO::getPaidAt).last("LIMIT " + limit));
        int done = 0;
        for (OrderDO o : paid) {
            try {
                settle(o.getId());
                done++;
            } catch (RuntimeException e) {
                log.warn("settling order {} failed, next tick retries: {}", o.getOrderNo(), e.toString());
            }
        }
        return done;
    }

    public PageResult<PaymentReportView> reports(String status, PageParam page) {
        Page<PaymentReportDO> result = reports.selectPage(new Page<>(page.page(), page.size()), new LambdaQueryWrapper<PaymentReportDO>()
                .eq(status != null, PaymentReportDO::getStatus, status).orderByDesc(PaymentReportDO::getId));
        return new PageResult<>(result.getRecords().stream().map(this::view).toList(), result.getTotal());
    }

    private PaymentReportView view(PaymentReportDO r) {
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

    private boolean markPaid(OrderDO o, Long reportId) {
        LocalDateTime now = now();
        if (orders.transition(o.getId(), OrderStatus.CREATED.name(), OrderStatus.PAID.name(), now) != 1) {
            return false;
        }
        OrderDO change = new OrderDO();
        change.setId(o.getId());
        change.setPaidAt(now);
        change.setPaymentReportId(reportId);
        orders.updateById(change);
        return true;
    }

    /** The order with exactly this amount that ended in the last day, if any: the report is then a late payment of it. */
    private OrderDO lastClosedWithAmount(PaymentReceivedEvent e) {
        return orders.selectOne(new LambdaQueryWrapper<OrderDO>().eq(OrderDO::getAcceptorId, e.acceptorId())
                .eq(OrderDO::getChannel, e.channel().name()).eq(OrderDO::getFiatCurrency, e.currency())
                .eq(OrderDO::getPayableAmount, e.amount()).in(OrderDO::getStatus, "EXPIRED", "CANCELLED")
                .ge(OrderDO::getClosedAt, now().minusDays(1)).orderByDesc(OrderDO::getClosedAt).last("LIMIT 1"));
    }

    private void settleAfterCommit(long orderId) {
        Runnable settle = () -> settleExecutor.execute(() -> {
            try {
                settle(orderId);
            } catch (RuntimeException ex) {
                log.warn("settling order {} failed, the settle job retries: {}", orderId, ex.toString());
            }
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    settle.run();
                }
            });
        } else {
            settle.run();
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
