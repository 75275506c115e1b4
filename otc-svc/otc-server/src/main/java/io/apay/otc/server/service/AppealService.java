package io.apay.otc.server.service;

import io.apay.ledger.api.KeyVoids;
import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.otc.api.OtcErrorCodes;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.dal.mapper.OrderMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators decide about one order: a release by hand (the buyer paid, the monitor missed it), and appeals.
 * The rule that matters: an order whose settlement exists in the ledger is never cancelled - resolving CANCEL of an
 * order a settlement was ever sent for first voids its settle key in the ledger ({@link KeyVoids}).
 */
@Service
public class AppealService {

    private final OrderService orderService;
    private final OrderMapper orders;
    private final OrderLifecycle lifecycle;
    private final SettlementStep settlement;
    private final KeyVoids voids;
    private final OrderViews views;
    private final TransactionTemplate tx;

    public AppealService(OrderService orderService, OrderMapper orders, OrderLifecycle lifecycle, SettlementStep settlement,
                         KeyVoids voids, OrderViews views, PlatformTransactionManager txManager) {
        this.orderService = orderService;
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.settlement = settlement;
        this.voids = voids;
        this.views = views;
        this.tx = new TransactionTemplate(txManager);
    }

    /** An operator releases an unpaid order by hand (the buyer paid; the monitor missed it). */
    @OperationLog(value = "otc.order.release", reasonRequired = true)
    public OrderView releaseByHand(String orderNo, String reason) {
        OrderDO o = orderService.owned(null, orderNo);
        OrderView before = views.view(o);
        move(o, OrderStatus.Transition.PAY, false);
        OrderView after = settlement.settle(o.getId());
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /** Opens an appeal on an order not yet settled (an operator, for the merchant or the acceptor). */
    @OperationLog(value = "otc.order.appeal", reasonRequired = true)
    public OrderView openAppeal(String orderNo, String reason) {
        OrderDO o = orderService.owned(null, orderNo);
        // a payment may move the order from CREATED to PAID between the read and the UPDATE: read again, once
        if (!appeal(o) && !appeal(orders.selectById(o.getId()))) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE);
        }
        OrderView after = views.view(orders.selectById(o.getId()));
        OperationLogContext.recordChange(views.view(o), after);
        return after;
    }

    private boolean appeal(OrderDO o) {
        OrderStatus.Transition t = OrderStatus.CREATED.name().equals(o.getStatus()) ? OrderStatus.Transition.APPEAL_UNPAID
                : OrderStatus.PAID.name().equals(o.getStatus()) ? OrderStatus.Transition.APPEAL_PAID : null;
        return t != null && Boolean.TRUE.equals(tx.execute(s -> lifecycle.move(o, t, null)));
    }

    /**
     * Risk decides an appeal: RELEASE (the order settles) or CANCEL (its coin goes back to the ad). A settled order is
     * never cancelled: if a settlement was ever sent for it, CANCEL first voids the order's settle key in the ledger
     * (so no attempt still on its way can be applied later); if the key was used, the ledger DID settle it - the
     * cancel is refused (16007) and the order completes. If the ledger cannot answer: 503, try again.
     */
    @OperationLog(value = "otc.order.appeal.resolve", reasonRequired = true)
    public OrderView resolveAppeal(String orderNo, boolean release, String reason) {
        OrderDO o = orderService.owned(null, orderNo);
        if (!OrderStatus.APPEAL.name().equals(o.getStatus())) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE);
        }
        OrderView before = views.view(o);
        if (release) {
            if (o.getSettleAttemptedAt() != null && voids.isVoided(SettlementStep.settleKey(o))) {
                throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE, "a cancel of this order has begun: resolve it with CANCEL");
            }
            move(o, OrderStatus.Transition.RESOLVE_RELEASE, false);
            OrderView after = settlement.settle(o.getId());
            OperationLogContext.recordChange(before, after);
            return after;
        }
        if (o.getSettleAttemptedAt() == null) {
            // never sent to the ledger, and the UPDATE re-checks that: nothing to ask
            move(o, OrderStatus.Transition.RESOLVE_CANCEL, true);
        } else {
            String key = SettlementStep.settleKey(o);
            switch (voids.voidKey(key, "order:" + o.getOrderNo(), "appeal of order " + o.getOrderNo() + " cancelled")) {
                case VOIDED -> move(o, OrderStatus.Transition.RESOLVE_CANCEL, false);
                case USED -> {
                    move(o, OrderStatus.Transition.RESOLVE_RELEASE, false);
                    OperationLogContext.recordChange(before, settlement.settle(o.getId())); // answers the existing settlement
                    throw new ServiceException(OtcErrorCodes.ORDER_ALREADY_SETTLED);
                }
                case UNKNOWN -> throw new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE,
                        "the ledger could not confirm that this order was not settled: try again");
            }
        }
        OrderView after = views.view(orders.selectById(o.getId()));
        OperationLogContext.recordChange(before, after);
        return after;
    }

    private void move(OrderDO o, OrderStatus.Transition t, boolean neverSettleAttempted) {
        if (!Boolean.TRUE.equals(tx.execute(s -> lifecycle.move(o, t, null, neverSettleAttempted)))) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE);
        }
    }
}
