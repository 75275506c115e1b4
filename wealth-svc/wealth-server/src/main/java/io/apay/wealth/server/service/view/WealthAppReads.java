package io.apay.wealth.server.service.view;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.wealth.api.WealthErrorCodes;
import io.apay.wealth.server.controller.app.vo.AccrualView;
import io.apay.wealth.server.controller.app.vo.AppProductView;
import io.apay.wealth.server.controller.app.vo.PositionView;
import io.apay.wealth.server.dal.dataobject.PositionDO;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import io.apay.wealth.server.dal.mapper.AccrualReadMapper;
import io.apay.wealth.server.dal.mapper.PositionMapper;
import io.apay.wealth.server.dal.mapper.ProductMapper;
import io.apay.wealth.server.service.product.LedgerCoins;
import io.apay.wealth.server.service.product.ProductStatus;
import io.apay.wealth.server.service.subscription.PositionStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * What the app reads of wealth: the products on sale (ON_SALE and not past their sale end: a paused product sells
 * nothing and is not listed), and a user's own positions, their daily rewards and their history. A position of
 * another user is "not found" (18011), never "forbidden": ids are not a way to learn who holds what.
 */
@Service
public class WealthAppReads {

    private final ProductMapper products;
    private final PositionMapper positions;
    private final AccrualReadMapper accruals;
    private final PositionViews views;
    private final LedgerCoins coins;
    private final Clock clock;

    public WealthAppReads(ProductMapper products, PositionMapper positions, AccrualReadMapper accruals, PositionViews views,
                          LedgerCoins coins, Clock clock) {
        this.products = products;
        this.positions = positions;
        this.accruals = accruals;
        this.views = views;
        this.coins = coins;
        this.clock = clock;
    }

    public List<AppProductView> products(long userId) {
        LocalDateTime now = LocalDateTime.now(clock);
        List<ProductDO> onSale = products.selectList(new LambdaQueryWrapper<ProductDO>()
                .eq(ProductDO::getStatus, ProductStatus.ON_SALE.name())
                .and(w -> w.isNull(ProductDO::getSaleEnd).or().gt(ProductDO::getSaleEnd, now))
                .orderByAsc(ProductDO::getSaleStart).orderByAsc(ProductDO::getId));
        Map<Long, BigDecimal> mine = positions.userLockedByProduct(userId).stream()
                .collect(Collectors.toMap(PositionMapper.ProductAmount::getProductId, PositionMapper.ProductAmount::getAmount));
        return onSale.stream().map(p -> {
            String coin = p.getLockCoin();
            BigDecimal allowance = p.getMaxPerUser().subtract(mine.getOrDefault(p.getId(), BigDecimal.ZERO)).max(BigDecimal.ZERO);
            return new AppProductView(p.getId(), p.getCode(), p.getName(), p.getType(), coin, p.getRewardCoin(), p.getTermDays(),
                    p.getRewardRate().stripTrailingZeros(), coins.atScale(coin, p.getMinAmount()), coins.atScale(coin, p.getMaxPerUser()),
                    coins.atScale(coin, p.getTotalQuota().subtract(p.getLocked()).max(BigDecimal.ZERO)), coins.atScale(coin, allowance),
                    PositionViews.instant(p.getSaleStart()), PositionViews.instant(p.getSaleEnd()), Boolean.TRUE.equals(p.getEarlyRedeem()),
                    p.getEarlyPenaltyShare().stripTrailingZeros());
        }).toList();
    }

    /** The user's positions, newest first, optionally of one status. */
    public PageResult<PositionView> positions(long userId, String status, PageParam page) {
        return page(new LambdaQueryWrapper<PositionDO>().eq(PositionDO::getUserId, userId)
                .eq(status != null, PositionDO::getStatus, status).orderByDesc(PositionDO::getId), page);
    }

    /** The user's ended positions (REDEEMED, FAILED), newest first. */
    public PageResult<PositionView> history(long userId, PageParam page) {
        return page(new LambdaQueryWrapper<PositionDO>().eq(PositionDO::getUserId, userId)
                .in(PositionDO::getStatus, PositionStatus.ENDED).orderByDesc(PositionDO::getId), page);
    }

    public PositionView position(long userId, long positionId) {
        return views.view(owned(userId, positionId));
    }

    /** A position's daily rewards, the latest day first. */
    public PageResult<AccrualView> accruals(long userId, long positionId, PageParam page) {
        PositionDO p = owned(userId, positionId);
        String rewardCoin = products.selectById(p.getProductId()).getRewardCoin();
        List<AccrualView> list = accruals.page(positionId, page.offset(), page.size()).stream()
                .map(a -> new AccrualView(a.getDay(), coins.atScale(rewardCoin, a.getAmount()))).toList();
        return new PageResult<>(list, accruals.count(positionId));
    }

    private PageResult<PositionView> page(LambdaQueryWrapper<PositionDO> query, PageParam page) {
        Page<PositionDO> p = positions.selectPage(Page.of(page.page(), page.size()), query);
        return new PageResult<>(views.views(p.getRecords()), p.getTotal());
    }

    private PositionDO owned(long userId, long positionId) {
        PositionDO p = positions.selectById(positionId);
        if (p == null || p.getUserId() != userId) {
            throw new ServiceException(WealthErrorCodes.POSITION_NOT_FOUND);
        }
        return p;
    }
}
