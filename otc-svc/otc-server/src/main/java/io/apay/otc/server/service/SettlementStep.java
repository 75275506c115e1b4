package io.apay.otc.server.service;

import io.apay.common.core.cache.ImmutableLookup;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.dto.PostingView;
import io.apay.ledger.api.dto.SettleHoldRequest;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.dal.dataobject.AdDO;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.dal.mapper.AdMapper;
import io.apay.otc.server.dal.mapper.OrderMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settling a paid order: the cross-service pattern of docs/development.md, step by step.
 * <ol>
 *   <li><b>Intent</b>: the order is PAID (committed before any ledger call); each attempt is marked
 *       ({@code settle_attempted_at}) only while it is still PAID, so an order never sent needs no ledger word to be
 *       cancelled, and one that was is cancelled only after its key is voided ({@link AppealService}).</li>
 *   <li><b>Idempotent call</b>: {@code settle} on the ad's hold under the key {@code order:<orderNo>:settle},
 *       derived from the order, so any number of attempts settle once.</li>
 *   <li><b>Conditional completion</b>: PAID to COMPLETED with the settlement's figures, through {@link OrderLifecycle}.</li>
 *   <li><b>Recovery</b>: {@link IntentRecovery} calls {@link #settle} again for every order PAID longer than
 *       {@code apay.otc.recover-after}.</li>
 * </ol>
 */
@Service
public class SettlementStep {

    private static final Logger log = LoggerFactory.getLogger(SettlementStep.class);

    private final OrderMapper orders;
    private final AdMapper ads;
    private final OrderLifecycle lifecycle;
    private final OrderViews views;
    private final LedgerApi ledger;
    private final OtcProperties props;
    private final TransactionTemplate tx;
    private final Executor settleExecutor;
    private final Clock clock;
    private final ImmutableLookup<Long, Long> holdOfAd = new ImmutableLookup<>(10_000);

    public SettlementStep(OrderMapper orders, AdMapper ads, OrderLifecycle lifecycle, OrderViews views, LedgerApi ledger,
                          OtcProperties props, PlatformTransactionManager txManager,
                          @Qualifier("settleExecutor") Executor settleExecutor, Clock clock) {
        this.orders = orders;
        this.ads = ads;
        this.lifecycle = lifecycle;
        this.views = views;
        this.ledger = ledger;
        this.props = props;
        this.tx = new TransactionTemplate(txManager);
        this.settleExecutor = settleExecutor;
        this.clock = clock;
    }

    /** The ledger key of an order's settlement: derived from the order, never random. */
    static String settleKey(OrderDO o) {
        return "order:" + o.getOrderNo() + ":settle";
    }

    /** Settles a PAID order and completes it; any other order is answered as it is. Safe to call any number of times. */
    public OrderView settle(long orderId) {
        settleIfPaid(orderId);
        return views.view(orders.selectById(orderId));
    }

    /** {@link #settle} without reading the order back for an answer. */
    private void settleIfPaid(long orderId) {
        OrderDO o = orders.selectById(orderId);
        if (OrderStatus.PAID.name().equals(o.getStatus())) {
            sendIfStillPaid(o);
        }
    }

    /** Marks the attempt, only while the order is PAID (an appeal stops it there), and then sends it. */
    private void sendIfStillPaid(OrderDO o) {
        if (orders.markSettleAttempt(o.getId(), LocalDateTime.now(clock)) == 1) {
            send(o);
        }
    }

    /** The idempotent call and the conditional completion, for an order whose attempt is marked. */
    private void send(OrderDO o) {
        long holdId = holdOf(o.getAdId());
        RemoteOutcome<TransactionView> settled = RemoteOutcome.of(() -> ledger.settle(holdId, new SettleHoldRequest(settleKey(o),
                o.getCoinAmount(), false, OwnerRef.of(OwnerType.MERCHANT, o.getMerchantNo()), props.getFeeBizType(),
                OwnerRef.of(OwnerType.ACCEPTOR, Long.toString(o.getAcceptorId())), "order:" + o.getOrderNo(),
                "payment order " + o.getOrderNo())).checkedData());
        if (settled instanceof RemoteOutcome.Done<TransactionView> done) {
            tx.executeWithoutResult(s -> complete(o, done.value()));
        } else if (settled instanceof RemoteOutcome.Refused<TransactionView> refused) {
            // the ledger will not settle it as asked (a bug, or a hold changed by hand): an operator must look
            log.error("the ledger refused to settle order {} ({}): it stays PAID", o.getOrderNo(), refused.error().code());
        } else {
            log.warn("settling order {}: outcome unknown, the recovery job retries with the same key", o.getOrderNo());
        }
    }

    /**
     * The ledger hold an ad's orders settle from. An order's ad is ACTIVE or was (it took the order), and an ad's hold
     * is set once, when it becomes ACTIVE ({@link AdMapper#activate}), and never changed: read once per ad.
     */
    private long holdOf(long adId) {
        Long holdId = holdOfAd.get(adId, id -> {
            AdDO ad = ads.selectById(id);
            return ad == null ? null : ad.getHoldId();
        });
        if (holdId == null) {
            throw new IllegalStateException("ad " + adId + " has no ledger hold"); // a bug: the order stays PAID for an operator
        }
        return holdId;
    }

    /** PAID to COMPLETED with the settlement's figures; false if the order is no longer PAID (under appeal). */
    private boolean complete(OrderDO o, TransactionView txn) {
        BigDecimal toMerchant = txn.postings().stream()
                .filter(p -> p.ownerType() == OwnerType.MERCHANT && p.kind() == AccountKind.AVAILABLE)
                .map(PostingView::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        OrderDO fields = new OrderDO();
        fields.setSettleTxnId(txn.txnId());
        fields.setMerchantCoinAmount(toMerchant);
        fields.setFeeCoinAmount(o.getCoinAmount().subtract(toMerchant));
        return lifecycle.move(o, OrderStatus.Transition.COMPLETE, fields);
    }

    /**
     * Settles {@code paid} right after the caller's transaction commits (on the settle pool); a failure is left to
     * recovery. The caller's transaction made it PAID, so it is not read again: the attempt's mark, conditional on
     * PAID, is all it needs (an appeal opened meanwhile stops it there: nothing moves until risk decides).
     */
    public void settleAfterCommit(OrderDO paid) {
        Runnable settle = () -> settleExecutor.execute(() -> {
            try {
                sendIfStillPaid(paid);
            } catch (RuntimeException ex) {
                log.warn("settling order {} failed, the recovery job retries: {}", paid.getOrderNo(), ex.toString());
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
}
