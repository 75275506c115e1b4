package io.apay.otc.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.otc.api.enums.AdStatus;
import io.apay.otc.server.config.OtcProperties;
import io.apay.otc.server.dal.dataobject.AcceptorDO;
import io.apay.otc.server.dal.dataobject.AdDO;
import io.apay.otc.server.dal.mapper.AcceptorMapper;
import io.apay.otc.server.dal.mapper.AdMapper;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The stale-ad check: an active ad is paused when it can no longer take even its smallest order (its coin is
 * used up), or when its acceptor has been offline for {@code stale-after-offline}. The acceptor resumes it.
 */
@Service
public class StaleAdService {

    private final AdMapper ads;
    private final AcceptorMapper acceptors;
    private final OtcProperties props;
    private final Clock clock;

    public StaleAdService(AdMapper ads, AcceptorMapper acceptors, OtcProperties props, Clock clock) {
        this.ads = ads;
        this.acceptors = acceptors;
        this.props = props;
        this.clock = clock;
    }

    public int pauseStale() {
        LocalDateTime now = LocalDateTime.now(clock);
        LocalDateTime offlineSince = now.minus(props.getStaleAfterOffline());
        List<AdDO> active = ads.selectList(new LambdaQueryWrapper<AdDO>().eq(AdDO::getStatus, AdStatus.ACTIVE.name()));
        int paused = 0;
        for (AdDO ad : active) {
            boolean exhausted = ad.getAvailableCoin().compareTo(ad.getMinFiat().divide(ad.getRate(), props.getCoinScale(), RoundingMode.UP)) < 0;
            AcceptorDO a = acceptors.selectById(ad.getAcceptorId());
            boolean longOffline = a != null && !Boolean.TRUE.equals(a.getOnline()) && a.getPresenceAt() != null
                    && a.getPresenceAt().isBefore(offlineSince);
            if (exhausted || longOffline) {
                paused += ads.transition(ad.getId(), AdStatus.ACTIVE.name(), AdStatus.PAUSED.name(), exhausted ? "EXHAUSTED" : "ACCEPTOR_OFFLINE", now);
            }
        }
        return paused;
    }
}
