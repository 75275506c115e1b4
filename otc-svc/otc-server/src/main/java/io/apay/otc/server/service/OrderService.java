package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.money.Money;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.mq.OutboxPublisher;
import io.apay.otc.api.OtcErrorCodes;
import io.apay.otc.api.dto.CreateOrderRequest;
import io.apay.otc.api.dto.OrderView;
import io.apay.otc.api.enums.AdStatus;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.dal.dataobject.AdDO;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.dal.dataobject.PaymentReportDO;
import io.apay.otc.server.dal.mapper.AdMapper;
import io.apay.otc.server.dal.mapper.AdMapper.Candidate;
import io.apay.otc.server.dal.mapper.OrderMapper;
import io.apay.otc.server.dal.mapper.PaymentReportMapper;
import io.apay.otc.server.dal.mapper.SlotMapper;
import io.apay.push.api.message.OrderAssignedMessage;
import io.apay.push.api.message.PaymentChannel;
import io.apay.push.api.message.PushMessages;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Payment orders: creation (an online acceptor with enough frozen coin, a unique payable amount), closing,
 * expiry. Every state change goes through {@link OrderLifecycle}; payments are matched in {@link PaymentReports} and
 * settled by {@link SettlementStep}.
 */
@Service
public class OrderService {

    private static final Logger log = LoggerFactory.getLogger(OrderService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter ORDER_NO_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmssSSS");
    private static final int MAX_CANDIDATES = 50;

    private final OrderMapper orders;
    private final AdMapper ads;
    private final SlotMapper slots;
    private final PaymentReportMapper reports;
    private final OutboxPublisher outbox;
    private final OrderLifecycle lifecycle;
    private final OtcCoins coins;
    private final OrderViews views;
    private final OtcProperties props;
    private final TransactionTemplate tx;
    private final Clock clock;

    public OrderService(OrderMapper orders, AdMapper ads, SlotMapper slots, PaymentReportMapper reports, OutboxPublisher outbox,
                        OrderLifecycle lifecycle, OtcCoins coins, OrderViews views, OtcProperties props,
                        PlatformTransactionManager txManager, Clock clock) {
        this.orders = orders;
        this.ads = ads;
        this.slots = slots;
        this.reports = reports;
        this.outbox = outbox;
        this.lifecycle = lifecycle;
        this.coins = coins;
        this.views = views;
        this.props = props;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    /**
     * Creates a payment order, or answers the existing one for a repeat of the same merchant order number.
     * Ads are tried least recently assigned first (round robin); an ad takes the order if its acceptor is active
     * and online, it still has the coin, and a payable amount is free for it.
     *
     * <p>A repeat is not looked for up front (a statement every order would pay for): the unique key on the merchant
     * order number stops a repeat's insert, and every refusal looks for the earlier order first, so a repeat is
     * answered as the order stored (or refused 16004 if it differs) whatever this request would come to now.
     */
    public OrderView create(CreateOrderRequest r) {
        try {
            return place(r);
        } catch (ServiceException | DuplicateKeyException e) {
            OrderDO existing = byMerchantRef(r.merchantNo(), r.merchantOrderNo());
            if (existing == null) {
                throw e;
            }
            return repeat(existing, r);
        }
    }

    private OrderView place(CreateOrderRequest r) {
        OtcProperties.Currency currency = props.getCurrencies().get(r.fiatCurrency());
        if (currency == null) {
            throw new ServiceException(OtcErrorCodes.UNSUPPORTED_CURRENCY);
        }
        BigDecimal fiat = Money.requirePositive("fiatAmount", r.fiatAmount(), currency.getScale());
        coins.requireSettleableIfKnown(r.coin());
        List<Candidate> inRange = ads.candidates(r.fiatCurrency(), r.coin(), fiat, MAX_CANDIDATES);
        if (inRange.isEmpty()) {
            throw new ServiceException(outsideEveryAdsRange(r.fiatCurrency(), r.coin(), fiat)
                    ? OtcErrorCodes.AMOUNT_OUT_OF_RANGE : OtcErrorCodes.NO_ACCEPTOR_AVAILABLE);
        }
        // first pass: skip an ad another order is being placed on right now (its row is locked), so concurrent orders
        // spread over the acceptors instead of queueing on the least recently assigned one; then wait for those
        List<Candidate> busy = new ArrayList<>();
        for (Candidate ad : inRange) {
            Attempt attempt = attempt(ad, channelsOf(ad, r.channel()), fiat, currency, r, true);
            if (attempt.order() != null) {
                return attempt.order();
            }
            if (attempt.busy()) {
                busy.add(ad);
            }
        }
        for (Candidate ad : busy) {
            Attempt attempt = attempt(ad, channelsOf(ad, r.channel()), fiat, currency, r, false);
            if (attempt.order() != null) {
                return attempt.order();
            }
        }
        throw new ServiceException(OtcErrorCodes.NO_ACCEPTOR_AVAILABLE);
    }

    /** Nobody can take the order: because of its amount (ACTIVE ads exist, none for this amount), or for now. */
    private boolean outsideEveryAdsRange(String fiatCurrency, String coin, BigDecimal fiat) {
        boolean anyInRange = ads.exists(activeAds(fiatCurrency, coin).le(AdDO::getMinFiat, fiat).ge(AdDO::getMaxFiat, fiat));
        return !anyInRange && ads.exists(activeAds(fiatCurrency, coin));
    }

    private static LambdaQueryWrapper<AdDO> activeAds(String fiatCurrency, String coin) {
        return new LambdaQueryWrapper<AdDO>().eq(AdDO::getStatus, AdStatus.ACTIVE.name()).eq(AdDO::getFiatCurrency, fiatCurrency)
                .eq(AdDO::getCoin, coin);
    }

    /** What placing an order on one ad came to: the order, or none (busy = its row was locked and it was skipped). */
    private record Attempt(OrderView order, boolean busy) {
        static final Attempt NONE = new Attempt(null, false);
        static final Attempt BUSY = new Attempt(null, true);
    }

    /**
     * Places the order on one ad if it can. A DuplicateKeyException is not caught: the merchant order number is taken
     * (a repeat, or the same request placed concurrently), and {@link #create} answers the order stored.
     */
    private Attempt attempt(Candidate ad, List<String> adChannels, BigDecimal fiat, OtcProperties.Currency currency, CreateOrderRequest r,
                            boolean skipIfBusy) {
        BigDecimal coin = fiat.divide(ad.rate, props.getCoinScale(), RoundingMode.DOWN);
        if (adChannels.isEmpty() || coin.signum() <= 0) {
            return Attempt.NONE;
        }
        try {
            OrderDO created = tx.execute(s -> {
                if (skipIfBusy && ads.lockUnlessBusy(ad.id) == null) {
                    throw new AdBusy();
                }
                return tryAd(ad, adChannels, fiat, coin, currency, r);
            });
            return created == null ? Attempt.NONE : new Attempt(views.view(created), false);
        } catch (AdBusy | PessimisticLockingFailureException e) {
            // another order is being placed on this ad, or took the same amount at the same moment (a lock wait or a
            // deadlock the database ended): rolled back; the second pass tries this ad again
            return Attempt.BUSY;
        } catch (NoFreeAmount e) {
            log.info("acceptor {} has no free payable amount near {} {}: trying the next", ad.acceptorId, fiat, r.fiatCurrency());
            return Attempt.NONE;
        }
    }

    /**
     * One ad, in one transaction: reserve its coin, take a free payable amount, store the order. Null if it can't.
     * The order is stored with the first amount the read of the taken ones leaves free, so it needs no second write
     * unless a concurrent order takes that amount in the meantime.
     */
    private OrderDO tryAd(Candidate ad, List<String> adChannels, BigDecimal fiat, BigDecimal coin, OtcProperties.Currency currency,
                          CreateOrderRequest r) {
        LocalDateTime now = now();
        if (ads.reserve(ad.id, coin, now) != 1) {
            return null;
        }
        BigDecimal step = currency.getStep();
        BigDecimal last = fiat.add(step.multiply(BigDecimal.valueOf(currency.getMaxOffsets() - 1L)));
        // held by open orders, or quarantined after an order expired or was cancelled: skipped
        Set<String> taken = new HashSet<>(slots.taken(ad.acceptorId, adChannels, r.fiatCurrency(), fiat, last, now));
        OrderDO o = null;
        for (int k = 0; k < currency.getMaxOffsets(); k++) {
            BigDecimal payable = fiat.add(step.multiply(BigDecimal.valueOf(k))).setScale(currency.getScale(), RoundingMode.UNNECESSARY);
            for (String channel : adChannels) {
                if (taken.contains(channel + ":" + payable)) {
                    continue;
                }
                if (o == null) {
                    o = newOrder(ad, channel, payable, fiat, coin, r, now);
                    orders.insertNew(o); // a DuplicateKeyException here: the merchant order number is taken (see create)
                }
                if (!takeAmount(ad.acceptorId, channel, r.fiatCurrency(), payable, o.getId(), now)) {
                    continue; // taken a moment ago by a concurrent order: the next amount
                }
                if (payable.compareTo(o.getPayableAmount()) != 0 || !channel.equals(o.getChannel())) {
                    OrderDO change = new OrderDO();
                    change.setId(o.getId());
                    change.setPayableAmount(payable);
                    change.setChannel(channel);
                    orders.updateById(change);
                    o.setPayableAmount(payable);
                    o.setChannel(channel);
                }
                outbox.publish(PushMessages.ORDER_ASSIGNED, new OrderAssignedMessage(ad.acceptorId, o.getOrderNo(),
                        PaymentChannel.valueOf(channel), payable, r.fiatCurrency(), OrderViews.instant(o.getExpiresAt())));
                return o;
            }
        }
        throw new NoFreeAmount(); // this acceptor's amounts are all taken: roll back and try another
    }

    private OrderDO newOrder(Candidate ad, String channel, BigDecimal payable, BigDecimal fiat, BigDecimal coin, CreateOrderRequest r,
                             LocalDateTime now) {
        OrderDO o = new OrderDO();
        o.setOrderNo("P" + now.format(ORDER_NO_TIME) + String.format("%05d", RANDOM.nextInt(100_000)));
        o.setCashierToken(token());
        o.setMerchantNo(r.merchantNo());
        o.setMerchantOrderNo(r.merchantOrderNo());
        o.setAdId(ad.id);
        o.setAcceptorId(ad.acceptorId);
        o.setChannel(channel);
        o.setFiatCurrency(r.fiatCurrency());
        o.setFiatAmount(fiat);
        o.setPayableAmount(payable);
        o.setCoin(r.coin());
        o.setCoinAmount(coin);
        o.setRate(ad.rate);
        o.setStatus(OrderStatus.CREATED.name());
        o.setNotifyUrl(r.notifyUrl());
        o.setReturnUrl(r.returnUrl());
        o.setExpiresAt(now.plusMinutes(r.expireMinutes()));
        o.setCreatedAt(now);
        o.setUpdatedAt(now);
        return o;
    }

    /** A never-used amount is inserted; one whose quarantine is over is taken over. False if it is not free. */
    private boolean takeAmount(long acceptorId, String channel, String currency, BigDecimal payable, long orderId, LocalDateTime now) {
        try {
            slots.take(acceptorId, channel, currency, payable, orderId);
            return true;
        } catch (DuplicateKeyException e) {
            return slots.reclaim(acceptorId, channel, currency, payable, orderId, now) == 1;
        }
    }

    /** Ends an ad's attempt at once: another order is being placed on that ad right now. */
    private static final class AdBusy extends RuntimeException {
        AdBusy() {
            super(null, null, false, false);
        }
    }

    /** Rolls back an ad's attempt whose every payable amount is taken. */
    private static final class NoFreeAmount extends RuntimeException {
        NoFreeAmount() {
            super(null, null, false, false);
        }
    }

    private OrderView repeat(OrderDO existing, CreateOrderRequest r) {
        boolean same = existing.getFiatAmount().compareTo(r.fiatAmount()) == 0 && existing.getFiatCurrency().equals(r.fiatCurrency())
                && existing.getCoin().equals(r.coin()) && existing.getNotifyUrl().equals(r.notifyUrl())
                && (r.channel() == null || r.channel().equals(existing.getChannel()));
        if (!same) {
            throw new ServiceException(OtcErrorCodes.MERCHANT_ORDER_NO_CONFLICT);
        }
        return views.view(existing);
    }

    /** An ad's channels: the wanted one if it has it, or all in the order they were listed. */
    private static List<String> channelsOf(Candidate ad, String wanted) {
        if (ad.channels == null) {
            return List.of();
        }
        List<String> all = List.of(ad.channels.split(","));
        if (wanted == null) {
            return all;
        }
        return all.contains(wanted) ? List.of(wanted) : List.of();
    }

    public OrderView get(String merchantNo, String orderNo) {
        return views.view(owned(merchantNo, orderNo));
    }

    public OrderView getByMerchantOrderNo(String merchantNo, String merchantOrderNo) {
        OrderDO o = byMerchantRef(merchantNo, merchantOrderNo);
        if (o == null) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_FOUND);
        }
        return views.view(o);
    }

    /**
     * Operators' order list, newest first: by merchant and status (either may be null), and by {@code q} (null: any),
     * which is any number of an order: its order number, merchant order number, cashier token or settlement
     * transaction id, or the report id or notification id of a payment report that paid it or names it. A blank
     * {@code q} is none; spaces around it are dropped (no number of ours has any).
     */
    public PageResult<OrderView> list(String merchantNo, OrderStatus status, String query, PageParam page) {
        String q = query == null || query.isBlank() ? null : query.strip();
        LambdaQueryWrapper<OrderDO> where = new LambdaQueryWrapper<OrderDO>()
                .eq(merchantNo != null, OrderDO::getMerchantNo, merchantNo).eq(status != null, OrderDO::getStatus, status == null ? null : status.name());
        if (q != null) {
            List<Long> reported = reports.selectList(new LambdaQueryWrapper<PaymentReportDO>().select(PaymentReportDO::getOrderId)
                            .isNotNull(PaymentReportDO::getOrderId)
                            .and(w -> w.eq(PaymentReportDO::getReportId, q).or().eq(PaymentReportDO::getNotificationId, q)))
                    .stream().map(PaymentReportDO::getOrderId).distinct().toList();
            boolean txnId = q.matches("[0-9]{1,18}");
            where.and(w -> {
                w.eq(OrderDO::getOrderNo, q).or().eq(OrderDO::getMerchantOrderNo, q).or().eq(OrderDO::getCashierToken, q);
                if (txnId) {
                    w.or().eq(OrderDO::getSettleTxnId, Long.parseLong(q));
                }
                if (!reported.isEmpty()) {
                    w.or().in(OrderDO::getId, reported);
                }
            });
        }
        Page<OrderDO> result = orders.selectPage(new Page<>(page.page(), page.size()), where.orderByDesc(OrderDO::getId));
        return new PageResult<>(result.getRecords().stream().map(views::view).toList(), result.getTotal());
    }

    /** The merchant closes an unpaid order; closing a cancelled order again answers it unchanged. */
    public OrderView close(String merchantNo, String orderNo) {
        OrderDO o = owned(merchantNo, orderNo);
        if (OrderStatus.CANCELLED.name().equals(o.getStatus())) {
            return views.view(o);
        }
        if (!Boolean.TRUE.equals(tx.execute(s -> lifecycle.move(o, OrderStatus.Transition.CANCEL, null)))) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_IN_STATE);
        }
        return views.view(orders.selectById(o.getId()));
    }

    /**
     * Expires every unpaid order past its time plus the monitors' clock skew (a payment made just in time may be
     * reported a little later; the matching rules accept it until then); the expiry job calls this.
     */
    public int expireDue(int limit) {
        List<OrderDO> due = orders.selectList(new LambdaQueryWrapper<OrderDO>().eq(OrderDO::getStatus, OrderStatus.CREATED.name())
                .le(OrderDO::getExpiresAt, now().minus(props.getMatchClockSkew())).orderByAsc(OrderDO::getExpiresAt).last("LIMIT " + limit));
        int expired = 0;
        for (OrderDO o : due) {
            if (Boolean.TRUE.equals(tx.execute(s -> lifecycle.move(o, OrderStatus.Transition.EXPIRE, null)))) {
                expired++;
            }
        }
        return expired;
    }

    OrderDO owned(String merchantNo, String orderNo) {
        OrderDO o = orders.selectOne(new LambdaQueryWrapper<OrderDO>().eq(OrderDO::getOrderNo, orderNo));
        if (o == null || (merchantNo != null && !Objects.equals(o.getMerchantNo(), merchantNo))) {
            throw new ServiceException(OtcErrorCodes.ORDER_NOT_FOUND);
        }
        return o;
    }

    private OrderDO byMerchantRef(String merchantNo, String merchantOrderNo) {
        return orders.selectOne(new LambdaQueryWrapper<OrderDO>().eq(OrderDO::getMerchantNo, merchantNo)
                .eq(OrderDO::getMerchantOrderNo, merchantOrderNo));
    }

    private static String token() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
