package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.rpc.RecoveryStep;
import io.apay.otc.api.enums.AcceptorStatus;
import io.apay.otc.api.enums.AdStatus;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.dal.dataobject.AcceptorDO;
import io.apay.otc.server.dal.dataobject.AdDO;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.dal.mapper.AcceptorMapper;
import io.apay.otc.server.dal.mapper.AdMapper;
import io.apay.otc.server.dal.mapper.OrderMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Service;

/**
 * The recovery half of the cross-service pattern (docs/development.md): every intent older than
 * {@code apay.otc.recover-after} - an ad OPENING or CLOSING, an acceptor APPROVING or LEAVING, an order PAID - is
 * driven to its end by calling its step again with the same key. job-svc calls this every few seconds, once per tick
 * across replicas; a step racing the request that started it is harmless (same key, conditional completion).
 */
@Service
public class IntentRecovery {

    private final AdMapper ads;
    private final AcceptorMapper acceptors;
    private final OrderMapper orders;
    private final AdLedgerSteps adSteps;
    private final MarginSteps marginSteps;
    private final SettlementStep settlement;
    private final OtcProperties props;
    private final Clock clock;

    public IntentRecovery(AdMapper ads, AcceptorMapper acceptors, OrderMapper orders, AdLedgerSteps adSteps, MarginSteps marginSteps,
                          SettlementStep settlement, OtcProperties props, Clock clock) {
        this.ads = ads;
        this.acceptors = acceptors;
        this.orders = orders;
        this.adSteps = adSteps;
        this.marginSteps = marginSteps;
        this.settlement = settlement;
        this.props = props;
        this.clock = clock;
    }

    /** Drives up to {@code limit} intents of each kind; answers how many it tried. */
    public int recover(int limit) {
        LocalDateTime before = LocalDateTime.now(clock).minus(props.getRecoverAfter());
        int tried = 0;
        for (AdStatus status : new AdStatus[] {AdStatus.OPENING, AdStatus.CLOSING}) {
            LongConsumer step = status == AdStatus.OPENING ? adSteps::open : adSteps::finishClosing;
            for (AdDO ad : ads.selectList(new LambdaQueryWrapper<AdDO>().eq(AdDO::getStatus, status.name()).lt(AdDO::getUpdatedAt, before)
                    .and(w -> w.isNull(AdDO::getIntentAttemptedAt).or().lt(AdDO::getIntentAttemptedAt, before))
                    .orderByAsc(AdDO::getIntentAttemptedAt).last("LIMIT " + limit))) {
                tried += RecoveryStep.drive("ad " + ad.getId(), () -> step.accept(ad.getId()));
            }
        }
        for (AcceptorStatus status : new AcceptorStatus[] {AcceptorStatus.APPROVING, AcceptorStatus.LEAVING}) {
            LongConsumer step = status == AcceptorStatus.APPROVING ? marginSteps::finishApproving : marginSteps::finishLeaving;
            for (AcceptorDO a : acceptors.selectList(new LambdaQueryWrapper<AcceptorDO>().eq(AcceptorDO::getStatus, status.name())
                    .lt(AcceptorDO::getUpdatedAt, before)
                    .and(w -> w.isNull(AcceptorDO::getIntentAttemptedAt).or().lt(AcceptorDO::getIntentAttemptedAt, before))
                    .orderByAsc(AcceptorDO::getIntentAttemptedAt).last("LIMIT " + limit))) {
                tried += RecoveryStep.drive("acceptor " + a.getUserId(), () -> step.accept(a.getUserId()));
            }
        }
        // one attempt per threshold at most, the least recently attempted first, so a few that keep failing never starve the rest
        for (OrderDO o : orders.selectList(new LambdaQueryWrapper<OrderDO>().eq(OrderDO::getStatus, OrderStatus.PAID.name())
                .lt(OrderDO::getUpdatedAt, before)
                .and(w -> w.isNull(OrderDO::getSettleAttemptedAt).or().lt(OrderDO::getSettleAttemptedAt, before))
                .orderByAsc(OrderDO::getSettleAttemptedAt).last("LIMIT " + limit))) {
            tried += RecoveryStep.drive("order " + o.getOrderNo(), () -> settlement.settle(o.getId()));
        }
        return tried;
    }
}
