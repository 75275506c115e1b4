package io.apay.otc.server.service;

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
 * The rule that matters: an order whose settlement exists in the ledger is never cancelled - resolving CANCEL first
 * waits out any settlement still in flight, then asks the ledger for the order's settle key.
 */
@Service
public class AppealService {

    private final OrderService orderService;
    private final OrderMapper orders;
    private final OrderLifecycle lifecycle;
    private final SettlementStep settlement;
    private final OrderViews views;
    private final TransactionTemplate tx;

    public AppealService(OrderService orderService, OrderMapper orders, OrderLifecycle lifecycle, SettlementStep settlement,
                         OrderViews views, PlatformTransactionManager txManager) {
        this.orderService = orderService;
        this.orders = orders;
        this.lifecycle = lifecycle;
        this.settlement = settlement;
        this.views = views;
        this.tx = new TransactionTemplate(txManager);
    }

    /** An operator releases an unpaid order by hand (the buyer paid; the monitor missed it). */
    @OperationLog(value = "otc.order.release", reasonRequired = true)
    public OrderView releaseByHand(String orderNo, String reason) {
        OrderDO o = orderService.owned(null, orderNo);
        OrderView before = views.view(o);
        move(o, OrderStatus.Transition.PAY);
        OrderView after = settlement.settle(o.getId());
        OperationLogContext.recordChange(before, after);
        return after;
    }

    /** Opens an appeal on an order not yet settled (an operator, for the merchant or the acceptor). */
    @OperationLog(value = "otc.order.appeal", reasonRequired = true)
    public OrderView openAppeal(String orderNo, String reason) {
        OrderDO o = orderService.owned(null, orderNo);
        move(o, OrderStatus.CREATED.name().equals(o.getStatus()) ? OrderStatus.Transition.APPEAL_UNPAID : OrderStatus.Transition.APPEAL_PAID);
        OrderView after = views.view(orders.selectById(o.getId()));
        OperationLogContext.recordChange(views.view(o), after);
        return after;
    }

    /**
     * Risk decides an appeal: RELEASE (the order settles) or CANCEL (its coin goes back to the ad). A CANCEL of an
     * order the ledger did settle is refused (16007) and the order completes instead; while a settlement attempt
     * may still be in flight, a CANCEL is refused with 16009 (try again after {@code apay.otc.settle-fence}).
     */
    @OperationLog(value = "otc.order.appeal.resolve", reasonRequired = true)
    public OrderView resolveAppeal(String orderNo, boolean release, String reason) {
        OrderDO o = orderService.owned(null, orderNo);
        if (!OrderStatus.APPEAL.name().equals(o.getStatus())) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE);
        }
        OrderView before = views.view(o);
        OrderView after;
        if (release) {
            move(o, OrderStatus.Transition.RESOLVE_RELEASE);
            after = settlement.settle(o.getId());
        } else {
            if (settlement.mayBeInFlight(o)) {
                throw new ServiceException(OtcErrorCodes.SETTLEMENT_IN_FLIGHT);
            }
            if (settlement.settlementInLedger(o).isPresent()) {
                move(o, OrderStatus.Transition.RESOLVE_RELEASE);
                settlement.settle(o.getId()); // answers the existing settlement and completes the order
                throw new ServiceException(OtcErrorCodes.ORDER_ALREADY_SETTLED);
            }
            move(o, OrderStatus.Transition.RESOLVE_CANCEL);
            after = views.view(orders.selectById(o.getId()));
        }
        OperationLogContext.recordChange(before, after);
        return after;
    }

    private void move(OrderDO o, OrderStatus.Transition t) {
        if (!Boolean.TRUE.equals(tx.execute(s -> lifecycle.move(o, t, null)))) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE);
        }
    }
}
