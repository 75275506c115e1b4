package io.apay.wealth.server.service.view;

import io.apay.wealth.server.controller.app.vo.PositionView;
import io.apay.wealth.server.dal.dataobject.PositionDO;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import io.apay.wealth.server.dal.mapper.ProductMapper;
import io.apay.wealth.server.service.product.LedgerCoins;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Positions as their owner sees them, with their product's code, name and coins; money at each coin's scale. */
@Component
public class PositionViews {

    private final ProductMapper products;
    private final LedgerCoins coins;

    public PositionViews(ProductMapper products, LedgerCoins coins) {
        this.products = products;
        this.coins = coins;
    }

    public PositionView view(PositionDO p) {
        return view(p, products.selectById(p.getProductId()));
    }

    /** Views of many positions, their products read once. */
    public List<PositionView> views(List<PositionDO> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        Map<Long, ProductDO> byId = products.selectBatchIds(positions.stream().map(PositionDO::getProductId).distinct().toList())
                .stream().collect(Collectors.toMap(ProductDO::getId, Function.identity()));
        return positions.stream().map(p -> view(p, byId.get(p.getProductId()))).toList();
    }

    private PositionView view(PositionDO p, ProductDO product) {
        String lock = product.getLockCoin();
        String reward = product.getRewardCoin();
        return new PositionView(p.getId(), p.getRequestNo(), product.getId(), product.getCode(), product.getName(), product.getType(),
                lock, reward, coins.atScale(lock, p.getAmount()), coins.atScale(reward, p.getAccrued()), p.getAccruedThrough(),
                p.getStartDay(), p.getEndDay(), p.getEndDay() == null ? null : p.getEndDay().plusDays(1), p.getStatus(),
                p.getRedeemKind(), coins.atScale(reward, p.getRewardPaid()), coins.atScale(reward, p.getPenalty()),
                p.getFailureCode(), instant(p.getCreatedAt()), instant(p.getRedeemRequestedAt()), instant(p.getRedeemedAt()));
    }

    static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
