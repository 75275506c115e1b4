package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.update.LambdaUpdateWrapper;
import io.apay.common.mq.OutboxPublisher;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.api.event.OrderStatusEvent;
import io.apay.otc.api.event.OtcEvents;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.dal.mapper.AdMapper;
import io.apay.otc.server.dal.mapper.OrderMapper;
import io.apay.otc.server.dal.mapper.SlotMapper;
import io.apay.push.api.message.OrderClosedMessage;
import io.apay.push.api.message.PushMessages;
import java.time.Clock;
import java.time.LocalDateTime;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way an order changes state (docs/otc-order.md): {@link #move} writes the status, its timestamps and the
 * caller's fields in ONE conditional UPDATE ({@code WHERE id = ? AND status = <the transition's one from state>}),
 * then applies the side effects of the new state, all in the caller's transaction:
 * <ul>
 *   <li>EXPIRED, CANCELLED: the order's coin goes back to its ad;</li>
 *   <li>every final state: its payable amount is quarantined (a late or second payment of it never lands on a new
 *       order), and the merchant (callback) and the acceptor's monitor are told, through the outbox.</li>
 * </ul>
 * Nothing else in otc-svc writes an order's status, gives coin back or frees an amount.
 */
@Component
public class OrderLifecycle {

    private final OrderMapper orders;
    private final AdMapper ads;
    private final SlotMapper slots;
    private final OutboxPublisher outbox;
    private final OrderViews views;
    private final OtcProperties props;
    private final Clock clock;

    public OrderLifecycle(OrderMapper orders, AdMapper ads, SlotMapper slots, OutboxPublisher outbox, OrderViews views,
                          OtcProperties props, Clock clock) {
        this.orders = orders;
        this.ads = ads;
        this.slots = slots;
        this.outbox = outbox;
        this.views = views;
        this.props = props;
        this.clock = clock;
    }

    /**
     * Moves the order along {@code t} if it is still in {@code t.from}; false (and no change) if another actor moved
     * it first. {@code fields} carries what this transition records besides status and timestamps (the report that
     * paid it, the settlement), or null.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean move(OrderDO o, OrderStatus.Transition t, OrderDO fields) {
        return move(o, t, fields, false);
    }

    /**
     * As {@link #move(OrderDO, OrderStatus.Transition, OrderDO)}; with {@code neverSettleAttempted} it also requires
     * that no settlement was ever sent for the order (so cancelling it needs no word from the ledger).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean move(OrderDO o, OrderStatus.Transition t, OrderDO fields, boolean neverSettleAttempted) {
        LocalDateTime now = LocalDateTime.now(clock);
        OrderDO set = fields == null ? new OrderDO() : fields;
        set.setStatus(t.to.name());
        set.setUpdatedAt(now);
        switch (t.to) {
            case PAID -> set.setPaidAt(o.getPaidAt() == null ? now : null); // an appeal released before payment was seen
            case APPEAL -> set.setAppealFrom(t.from.name());
            case COMPLETED -> {
                set.setCompletedAt(now);
                set.setClosedAt(now);
            }
            case EXPIRED, CANCELLED -> set.setClosedAt(now);
            default -> {
            }
        }
        if (orders.update(set, new LambdaUpdateWrapper<OrderDO>().eq(OrderDO::getId, o.getId())
                .eq(OrderDO::getStatus, t.from.name()).isNull(neverSettleAttempted, OrderDO::getSettleAttemptedAt)) != 1) {
            return false;
        }
        if (t.to == OrderStatus.EXPIRED || t.to == OrderStatus.CANCELLED) {
            ads.giveBack(o.getAdId(), o.getCoinAmount(), now);
        }
        if (t.to.isFinal()) {
            slots.quarantine(o.getId(), now.plus(props.getAmountQuarantine()));
            OrderDO after = orders.selectById(o.getId());
            outbox.publish(OtcEvents.orderStatus(t.to.name()), new OrderStatusEvent(views.view(after), after.getNotifyUrl()));
            outbox.publish(PushMessages.ORDER_CLOSED, new OrderClosedMessage(o.getAcceptorId(), o.getOrderNo(), t.to.name(), clock.instant()));
        }
        return true;
    }
}
