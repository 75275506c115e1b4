package io.apay.wealth.server.service.view;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.wealth.api.WealthErrorCodes;
import io.apay.wealth.server.controller.admin.vo.AccrualRunView;
import io.apay.wealth.server.controller.admin.vo.AdminAccrualView;
import io.apay.wealth.server.controller.admin.vo.AdminPositionView;
import io.apay.wealth.server.controller.admin.vo.FundingView;
import io.apay.wealth.server.controller.app.vo.PositionView;
import io.apay.wealth.server.dal.dataobject.AccrualRunDO;
import io.apay.wealth.server.dal.dataobject.FundingDO;
import io.apay.wealth.server.dal.dataobject.PositionDO;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import io.apay.wealth.server.dal.mapper.AccrualMapper;
import io.apay.wealth.server.dal.mapper.AccrualReadMapper;
import io.apay.wealth.server.dal.mapper.AdminReadMapper;
import io.apay.wealth.server.dal.mapper.FundingMapper;
import io.apay.wealth.server.dal.mapper.PositionMapper;
import io.apay.wealth.server.dal.mapper.ProductMapper;
import io.apay.wealth.server.service.product.LedgerCoins;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What operators read of wealth beyond the products (docs/admin.md, "Wealth products"): a product's accrual runs and
 * fundings, every user's positions and their daily rewards. Read only; money at each coin's scale.
 */
@Service
public class AdminReads {

    private final ProductMapper products;
    private final PositionMapper positions;
    private final AccrualMapper runs;
    private final AccrualReadMapper accruals;
    private final AdminReadMapper adminReads;
    private final FundingMapper fundings;
    private final PositionViews views;
    private final LedgerCoins coins;

    public AdminReads(ProductMapper products, PositionMapper positions, AccrualMapper runs, AccrualReadMapper accruals,
                      AdminReadMapper adminReads, FundingMapper fundings, PositionViews views, LedgerCoins coins) {
        this.products = products;
        this.positions = positions;
        this.runs = runs;
        this.accruals = accruals;
        this.adminReads = adminReads;
        this.fundings = fundings;
        this.views = views;
        this.coins = coins;
    }

    /** A product's accrual runs, the latest day first (a day's VOIDED run and the run that later paid it: newest first). */
    public PageResult<AccrualRunView> accrualRuns(long productId, String status, PageParam page) {
        ProductDO product = requireProduct(productId);
        Page<AccrualRunDO> p = runs.selectPage(Page.of(page.page(), page.size()), new LambdaQueryWrapper<AccrualRunDO>()
                .eq(AccrualRunDO::getProductId, productId).eq(status != null, AccrualRunDO::getStatus, status)
                .orderByDesc(AccrualRunDO::getDay).orderByDesc(AccrualRunDO::getId));
        return new PageResult<>(p.getRecords().stream().map(r -> runView(r, product)).toList(), p.getTotal());
    }

    /** Positions of every user, newest first, optionally of one product, one user, one status. */
    public PageResult<AdminPositionView> positions(Long productId, Long userId, String status, PageParam page) {
        Page<PositionDO> p = positions.selectPage(Page.of(page.page(), page.size()), new LambdaQueryWrapper<PositionDO>()
                .eq(productId != null, PositionDO::getProductId, productId).eq(userId != null, PositionDO::getUserId, userId)
                .eq(status != null, PositionDO::getStatus, status).orderByDesc(PositionDO::getId));
        List<PositionView> shown = views.views(p.getRecords());
        List<AdminPositionView> list = new ArrayList<>(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            list.add(new AdminPositionView(p.getRecords().get(i).getUserId(), shown.get(i)));
        }
        return new PageResult<>(list, p.getTotal());
    }

    public AdminPositionView position(long positionId) {
        PositionDO p = requirePosition(positionId);
        return new AdminPositionView(p.getUserId(), views.view(p));
    }

    /** A position's daily rewards, the latest day first, each with the run that paid it. */
    public PageResult<AdminAccrualView> positionAccruals(long positionId, PageParam page) {
        PositionDO p = requirePosition(positionId);
        String rewardCoin = products.selectById(p.getProductId()).getRewardCoin();
        List<AdminAccrualView> list = adminReads.positionAccruals(positionId, page.offset(), page.size()).stream()
                .map(a -> new AdminAccrualView(a.getDay(), coins.atScale(rewardCoin, a.getAmount()), a.getRunId())).toList();
        return new PageResult<>(list, accruals.count(positionId));
    }

    /** A product's reward-pool fundings, newest first. */
    public PageResult<FundingView> fundings(long productId, PageParam page) {
        requireProduct(productId);
        Page<FundingDO> p = fundings.selectPage(Page.of(page.page(), page.size()), new LambdaQueryWrapper<FundingDO>()
                .eq(FundingDO::getProductId, productId).orderByDesc(FundingDO::getId));
        return new PageResult<>(p.getRecords().stream().map(this::fundingView).toList(), p.getTotal());
    }

    private AccrualRunView runView(AccrualRunDO r, ProductDO product) {
        String reward = product.getRewardCoin();
        return new AccrualRunView(r.getId(), r.getDay(), r.getStatus(), r.getPositions(), coins.atScale(product.getLockCoin(), r.getPrincipal()),
                coins.atScale(reward, r.getGross()), coins.atScale(reward, r.getPaid()), coins.atScale(reward, r.getRounding()), r.getTxnId(),
                r.getFailureCode(), PositionViews.instant(r.getCreatedAt()), PositionViews.instant(r.getUpdatedAt()));
    }

    private FundingView fundingView(FundingDO f) {
        return new FundingView(f.getFundingNo(), f.getProductId(), f.getCoin(), coins.atScale(f.getCoin(), f.getAmount()), f.getStatus(),
                f.getOperator(), f.getReason(), f.getTxnId(), f.getFailureCode(), PositionViews.instant(f.getCreatedAt()));
    }

    private ProductDO requireProduct(long productId) {
        ProductDO p = products.selectById(productId);
        if (p == null) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_NOT_FOUND);
        }
        return p;
    }

    private PositionDO requirePosition(long positionId) {
        PositionDO p = positions.selectById(positionId);
        if (p == null) {
            throw new ServiceException(WealthErrorCodes.POSITION_NOT_FOUND);
        }
        return p;
    }
}
