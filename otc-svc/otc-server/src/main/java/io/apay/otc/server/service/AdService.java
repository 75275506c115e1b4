package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.money.Money;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.storage.ObjectStorage;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.HoldRequest;
import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.dto.ReleaseHoldRequest;
import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.otc.api.OtcErrorCodes;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.controller.app.vo.AdView;
import io.apay.otc.server.controller.app.vo.CreateAdRequest;
import io.apay.otc.server.dal.dataobject.AdChannelDO;
import io.apay.otc.server.dal.dataobject.AdDO;
import io.apay.otc.server.dal.dataobject.OrderDO;
import io.apay.otc.server.dal.mapper.AdChannelMapper;
import io.apay.otc.server.dal.mapper.AdMapper;
import io.apay.otc.server.dal.mapper.OrderMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An acceptor's ads. Listing an ad holds its coin in the ledger (the acceptor's OTC coin, FROZEN); paid orders
 * settle their part of that hold; closing the ad releases what remains.
 */
@Service
public class AdService {

    private final AdMapper ads;
    private final AdChannelMapper channels;
    private final OrderMapper orders;
    private final AcceptorService acceptors;
    private final LedgerApi ledger;
    private final ObjectStorage storage;
    private final OtcProperties props;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AdService(AdMapper ads, AdChannelMapper channels, OrderMapper orders, AcceptorService acceptors, LedgerApi ledger,
                     ObjectStorage storage, OtcProperties props, PlatformTransactionManager txManager, Clock clock) {
        this.ads = ads;
        this.channels = channels;
        this.orders = orders;
        this.acceptors = acceptors;
        this.ledger = ledger;
        this.storage = storage;
        this.props = props;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    @OperationLog("otc.ad.create")
    public AdView create(long acceptorId, CreateAdRequest r) {
        acceptors.active(acceptorId);
        OtcProperties.Currency currency = props.getCurrencies().get(r.fiatCurrency());
        if (currency == null) {
            throw new ServiceException(OtcErrorCodes.UNSUPPORTED_CURRENCY);
        }
        BigDecimal rate = Money.requirePositive("rate", r.rate(), 6);
        BigDecimal min = Money.requirePositive("minFiat", r.minFiat(), currency.getScale());
        BigDecimal max = Money.requirePositive("maxFiat", r.maxFiat(), currency.getScale());
        BigDecimal total = Money.requirePositive("totalCoin", r.totalCoin(), props.getCoinScale());
        if (min.compareTo(max) > 0 || r.channels().stream().map(CreateAdRequest.Channel::channel).distinct().count() != r.channels().size()) {
            throw new ServiceException(OtcErrorCodes.AD_INVALID);
        }
        // the coin is held first, under a key of its own; if the ad cannot be stored, the hold is released again
        String ref = UUID.randomUUID().toString();
        long holdId = ledger.hold(new HoldRequest("ad:" + ref + ":hold", OwnerRef.of(OwnerType.ACCEPTOR, Long.toString(acceptorId)),
                r.coin(), total, HoldPurpose.FREEZE, "ad:" + ref, "coin offered by an ad")).checkedData().holdId();
        try {
            Long adId = tx.execute(s -> {
                AdDO ad = new AdDO();
                ad.setAcceptorId(acceptorId);
                ad.setCoin(r.coin());
                ad.setFiatCurrency(r.fiatCurrency());
                ad.setRate(rate);
                ad.setMinFiat(min);
                ad.setMaxFiat(max);
                ad.setTotalCoin(total);
                ad.setAvailableCoin(total);
                ad.setHoldId(holdId);
                ad.setStatus(AdDO.ACTIVE);
                ad.setLastAssignedAt(LocalDateTime.of(2000, 1, 1, 0, 0));
                ad.setCreatedAt(now());
                ad.setUpdatedAt(now());
                ads.insert(ad);
                for (CreateAdRequest.Channel c : r.channels()) {
                    AdChannelDO ch = new AdChannelDO();
                    ch.setAdId(ad.getId());
                    ch.setChannel(c.channel());
                    ch.setPayeeName(c.payeeName());
                    ch.setPayeeAccount(c.payeeAccount());
                    ch.setBankName(c.bankName());
                    channels.insert(ch);
                }
                return ad.getId();
            });
            return view(adId);
        } catch (RuntimeException e) {
            ledger.release(holdId, new ReleaseHoldRequest("ad:" + ref + ":undo", "ad:" + ref, "ad not stored"));
            throw e;
        }
    }

    /** The payee QR image of one channel of an ad (PNG or JPEG), kept in object storage. */
    @OperationLog("otc.ad.qr")
    public AdView uploadQr(long acceptorId, long adId, String channel, String contentType, byte[] image) {
        AdDO ad = owned(acceptorId, adId);
        String ext = QrImages.extension(contentType, image);
        AdChannelDO ch = channels.selectOne(new LambdaQueryWrapper<AdChannelDO>().eq(AdChannelDO::getAdId, ad.getId())
                .eq(AdChannelDO::getChannel, channel));
        if (ch == null) {
            throw new ServiceException(OtcErrorCodes.AD_NOT_FOUND, "the ad has no " + channel + " channel");
        }
        String key = "qr/" + adId + "/" + channel.toLowerCase() + "-" + UUID.randomUUID() + "." + ext;
        storage.put(key, image, "png".equals(ext) ? "image/png" : "image/jpeg");
        AdChannelDO change = new AdChannelDO();
        change.setId(ch.getId());
        change.setQrKey(key);
        channels.updateById(change);
        return view(adId);
    }

    @OperationLog("otc.ad.pause")
    public AdView pause(long acceptorId, long adId) {
        owned(acceptorId, adId);
        if (ads.transition(adId, AdDO.ACTIVE, AdDO.PAUSED, "BY_ACCEPTOR", now()) != 1) {
            throw new ServiceException(OtcErrorCodes.AD_INVALID, "only an active ad can be paused");
        }
        return view(adId);
    }

    @OperationLog("otc.ad.resume")
    public AdView resume(long acceptorId, long adId) {
        owned(acceptorId, adId);
        acceptors.active(acceptorId);
        if (ads.transition(adId, AdDO.PAUSED, AdDO.ACTIVE, null, now()) != 1) {
            throw new ServiceException(OtcErrorCodes.AD_INVALID, "only a paused ad can be resumed");
        }
        return view(adId);
    }

    /** Closes a paused ad without open orders and releases the coin it still holds. */
    @OperationLog("otc.ad.close")
    public AdView close(long acceptorId, long adId) {
        AdDO ad = owned(acceptorId, adId);
        boolean open = orders.selectCount(new LambdaQueryWrapper<OrderDO>().eq(OrderDO::getAdId, adId)
                .in(OrderDO::getStatus, Arrays.asList("CREATED", "PAID", "APPEAL"))) > 0;
        if (open) {
            throw new ServiceException(OtcErrorCodes.AD_HAS_OPEN_ORDERS);
        }
        if (ads.transition(adId, AdDO.PAUSED, AdDO.CLOSED, "CLOSED", now()) != 1
                && ads.transition(adId, AdDO.ACTIVE, AdDO.CLOSED, "CLOSED", now()) != 1) {
            throw new ServiceException(OtcErrorCodes.AD_INVALID, "the ad is closed already");
        }
        ledger.release(ad.getHoldId(), new ReleaseHoldRequest("ad:" + adId + ":close", "ad:" + adId, "ad closed")).checkedData();
        return view(adId);
    }

    public List<AdView> mine(long acceptorId) {
        return ads.selectList(new LambdaQueryWrapper<AdDO>().eq(AdDO::getAcceptorId, acceptorId).orderByDesc(AdDO::getId))
                .stream().map(a -> view(a.getId())).toList();
    }

    public AdView view(long adId) {
        AdDO a = ads.selectById(adId);
        if (a == null) {
            throw new ServiceException(OtcErrorCodes.AD_NOT_FOUND);
        }
        List<AdView.ChannelView> chs = channels.selectList(new LambdaQueryWrapper<AdChannelDO>().eq(AdChannelDO::getAdId, adId))
                .stream().map(c -> new AdView.ChannelView(c.getChannel(), c.getPayeeName(), c.getPayeeAccount(), c.getBankName(),
                        c.getQrKey() != null)).toList();
        return new AdView(a.getId(), a.getCoin(), a.getFiatCurrency(), a.getRate(), a.getMinFiat(), a.getMaxFiat(), a.getTotalCoin(),
                a.getAvailableCoin(), a.getStatus(), a.getPauseReason(), chs, a.getCreatedAt().toInstant(ZoneOffset.UTC));
    }

    private AdDO owned(long acceptorId, long adId) {
        AdDO ad = ads.selectById(adId);
        if (ad == null || ad.getAcceptorId() != acceptorId) {
            throw new ServiceException(OtcErrorCodes.AD_NOT_FOUND);
        }
        return ad;
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
