package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.money.Money;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.storage.ObjectStorage;
import io.apay.otc.api.OtcErrorCodes;
import io.apay.otc.api.enums.AdStatus;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.controller.app.vo.AdView;
import io.apay.otc.server.controller.app.vo.CreateAdRequest;
import io.apay.otc.server.dal.dataobject.AcceptorDO;
import io.apay.otc.server.dal.dataobject.AdChannelDO;
import io.apay.otc.server.dal.dataobject.AdDO;
import io.apay.otc.server.dal.mapper.AcceptorMapper;
import io.apay.otc.server.dal.mapper.AdChannelMapper;
import io.apay.otc.server.dal.mapper.AdMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An acceptor's ads. Listing an ad holds its coin in the ledger (the acceptor's OTC coin, FROZEN); paid orders
 * settle their part of that hold; closing the ad releases what remains. Both ledger steps are in {@link AdLedgerSteps}.
 */
@Service
public class AdService {

    private final AdMapper ads;
    private final AdChannelMapper channels;
    private final AcceptorService acceptors;
    private final AcceptorMapper acceptorMapper;
    private final AdLedgerSteps steps;
    private final OtcCoins coins;
    private final ObjectStorage storage;
    private final OtcProperties props;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AdService(AdMapper ads, AdChannelMapper channels, AcceptorService acceptors, AcceptorMapper acceptorMapper,
                     AdLedgerSteps steps, OtcCoins coins, ObjectStorage storage, OtcProperties props,
                     PlatformTransactionManager txManager, Clock clock) {
        this.ads = ads;
        this.channels = channels;
        this.acceptors = acceptors;
        this.acceptorMapper = acceptorMapper;
        this.steps = steps;
        this.coins = coins;
        this.storage = storage;
        this.props = props;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    /**
     * Lists an ad: stored OPENING under the acceptor's lock (leaving waits for it), then its coin is held in the ledger
     * under the ad's own key ({@link AdLedgerSteps#open}). Answers the ad ACTIVE, or still OPENING when the ledger's
     * answer was lost (the recovery job finishes it); a refusal (not enough coin) is the ledger's error, and the ad
     * is FAILED.
     */
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
        coins.requireSettleable(r.coin());
        Long adId = tx.execute(s -> {
            if (acceptorMapper.lockActive(acceptorId) == null) {
                throw new ServiceException(OtcErrorCodes.NOT_AN_ACCEPTOR);
            }
            AdDO ad = new AdDO();
            ad.setAcceptorId(acceptorId);
            ad.setCoin(r.coin());
            ad.setFiatCurrency(r.fiatCurrency());
            ad.setRate(rate);
            ad.setMinFiat(min);
            ad.setMaxFiat(max);
            ad.setTotalCoin(total);
            ad.setAvailableCoin(total);
            ad.setStatus(AdStatus.OPENING.name());
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
        steps.open(adId);
        return view(adId);
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
        if (ads.transition(adId, AdStatus.ACTIVE.name(), AdStatus.PAUSED.name(), "BY_ACCEPTOR", now()) != 1) {
            throw new ServiceException(OtcErrorCodes.AD_INVALID, "only an active ad can be paused");
        }
        return view(adId);
    }

    @OperationLog("otc.ad.resume")
    public AdView resume(long acceptorId, long adId) {
        owned(acceptorId, adId);
        acceptors.active(acceptorId);
        if (ads.resumeByAcceptor(adId, now()) != 1) {
            AdDO ad = ads.selectById(adId);
            // an operator's pause is lifted only by an operator (docs/admin.md): say so rather than "not paused"
            AcceptorDO acceptor = acceptorMapper.selectById(acceptorId);
            if (AdStatus.PAUSED.name().equals(ad.getStatus())
                    && (AdMapper.BY_OPERATOR.equals(ad.getPauseReason()) || acceptor.getOperatorPausedAt() != null)) {
                throw new ServiceException(OtcErrorCodes.PAUSED_BY_OPERATOR);
            }
            throw new ServiceException(OtcErrorCodes.AD_INVALID, "only a paused ad can be resumed");
        }
        return view(adId);
    }

    /**
     * Closes a paused ad without open orders and releases the coin it still holds. Paused, so no order can be placed
     * on it any more; the open orders are counted under the ad's row lock, so none can slip in between. The release
     * is a step of the cross-service pattern ({@link AdLedgerSteps#finishClosing}): the answer is CLOSED, or CLOSING
     * if the ledger's answer was lost (the recovery job finishes it).
     */
    @OperationLog("otc.ad.close")
    public AdView close(long acceptorId, long adId) {
        owned(acceptorId, adId);
        tx.executeWithoutResult(s -> {
            String status = ads.lockStatus(adId);
            if (AdStatus.CLOSING.name().equals(status) || AdStatus.CLOSED.name().equals(status)) {
                return; // closed already (a repeat): finish it below
            }
            if (!AdStatus.PAUSED.name().equals(status)) {
                throw new ServiceException(OtcErrorCodes.AD_NOT_PAUSED);
            }
            if (ads.openOrders(adId) > 0) {
                throw new ServiceException(OtcErrorCodes.AD_HAS_OPEN_ORDERS);
            }
            ads.transition(adId, AdStatus.PAUSED.name(), AdStatus.CLOSING.name(), "CLOSED", now());
        });
        steps.finishClosing(adId);
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
