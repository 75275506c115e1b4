package io.apay.ledger.server.service.fee;

import com.baomidou.mybatisplus.core.toolkit.Wrappers;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.FeeScheduleView;
import io.apay.ledger.server.dal.dataobject.FeeScheduleDO;
import io.apay.ledger.server.dal.mapper.FeeScheduleMapper;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Fee schedules by (coin, business type), cached for 30 seconds: a change takes effect within that time. */
@Service
public class FeeScheduleService {

    private final FeeScheduleMapper mapper;
    private final Cache<String, Optional<FeeSchedule>> cache = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(1_000).build();

    public FeeScheduleService(FeeScheduleMapper mapper) {
        this.mapper = mapper;
    }

    public FeeSchedule require(String coin, String bizType) {
        return cache.get(coin + "/" + bizType, k -> Optional.ofNullable(mapper.selectOne(Wrappers.<FeeScheduleDO>lambdaQuery()
                        .eq(FeeScheduleDO::getCoin, coin).eq(FeeScheduleDO::getBizType, bizType).eq(FeeScheduleDO::getEnabled, true)))
                .map(FeeScheduleService::toSchedule))
                .orElseThrow(() -> new ServiceException(LedgerErrorCodes.FEE_SCHEDULE_NOT_FOUND,
                        "no fee schedule for " + coin + " and " + bizType));
    }

    public List<FeeScheduleView> list() {
        return mapper.selectList(Wrappers.<FeeScheduleDO>lambdaQuery().eq(FeeScheduleDO::getEnabled, true)
                        .orderByAsc(FeeScheduleDO::getCoin, FeeScheduleDO::getBizType)).stream()
                .map(d -> new FeeScheduleView(d.getCoin(), d.getBizType(), d.getRate().stripTrailingZeros(), d.getFixedFee().stripTrailingZeros(),
                        d.getMinFee().stripTrailingZeros(), d.getMaxFee() == null ? null : d.getMaxFee().stripTrailingZeros(),
                        d.getCommissionShare().stripTrailingZeros(), d.getRoundingMode()))
                .toList();
    }

    static FeeSchedule toSchedule(FeeScheduleDO d) {
        return new FeeSchedule(d.getCoin(), d.getBizType(), d.getRate(), d.getFixedFee(), d.getMinFee(), d.getMaxFee(),
                d.getCommissionShare(), RoundingMode.valueOf(d.getRoundingMode()));
    }
}
