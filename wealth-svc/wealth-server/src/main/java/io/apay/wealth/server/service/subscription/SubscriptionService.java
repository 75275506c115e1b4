package io.apay.wealth.server.service.subscription;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.common.core.error.ServiceException;
import io.apay.common.web.oplog.OperationLog;
import io.apay.wealth.api.WealthErrorCodes;
import io.apay.wealth.server.controller.app.vo.PositionView;
import io.apay.wealth.server.controller.app.vo.SubscribeRequest;
import io.apay.wealth.server.dal.dataobject.PositionDO;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import io.apay.wealth.server.dal.mapper.PositionMapper;
import io.apay.wealth.server.dal.mapper.ProductMapper;
import io.apay.wealth.server.service.product.LedgerCoins;
import io.apay.wealth.server.service.product.ProductStatus;
import io.apay.wealth.server.service.view.PositionViews;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A user subscribes to a product (docs/wealth.md, "Positions"). Idempotent on (user, requestNo), checked first: the
 * same request again answers its position (driving a SUBSCRIBING one again), another request under the number is
 * 18009. A new one is admitted in one transaction under the product's row lock (status, sale window, scale, minimum,
 * the user's maximum, the quota), stored SUBSCRIBING with its amount added to {@code locked} and committed; then
 * {@link SubscriptionStep} moves the coin. A refused subscription leaves no row and locks nothing.
 */
@Service
public class SubscriptionService {

    private final ProductMapper products;
    private final PositionMapper positions;
    private final LedgerCoins coins;
    private final SubscriptionStep step;
    private final PositionViews views;
    private final TransactionTemplate tx;
    private final Clock clock;

    public SubscriptionService(ProductMapper products, PositionMapper positions, LedgerCoins coins, SubscriptionStep step,
                               PositionViews views, PlatformTransactionManager txManager, Clock clock) {
        this.products = products;
        this.positions = positions;
        this.coins = coins;
        this.step = step;
        this.views = views;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    @OperationLog("wealth.subscribe")
    public PositionView subscribe(long userId, SubscribeRequest request) {
        PositionDO existing = find(userId, request.requestNo());
        if (existing != null) {
            return repeat(existing, request);
        }
        ProductDO product = request.productId() != null ? products.selectById(request.productId()) : byCode(request.productCode());
        if (product == null) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_NOT_FOUND);
        }
        int scale = coins.scale(product.getLockCoin());
        String hash = fingerprint(product.getId(), request.amount());
        Long positionId;
        try {
            positionId = tx.execute(s -> admit(userId, request.requestNo(), hash, product.getId(), request.amount(), scale));
        } catch (DuplicateKeyException e) {
            positionId = null; // the same requestNo got in first (a concurrent retry)
        }
        if (positionId == null) {
            return repeat(find(userId, request.requestNo()), request);
        }
        step.subscribe(positionId);
        return views.view(positions.selectById(positionId));
    }

    /** Under the product's row lock: every rule, then the position SUBSCRIBING and the amount counted; null if a repeat. */
    private Long admit(long userId, String requestNo, String hash, long productId, BigDecimal amount, int scale) {
        ProductDO p = products.lockById(productId);
        if (find(userId, requestNo) != null) {
            return null;
        }
        if (ProductStatus.RETIRED.name().equals(p.getStatus())) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_RETIRED);
        }
        if (!ProductStatus.ON_SALE.name().equals(p.getStatus())) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_NOT_ON_SALE);
        }
        LocalDateTime now = LocalDateTime.now(clock);
        if (now.isBefore(p.getSaleStart()) || (p.getSaleEnd() != null && !now.isBefore(p.getSaleEnd()))) {
            throw new ServiceException(WealthErrorCodes.OUTSIDE_SALE_WINDOW);
        }
        if (amount.stripTrailingZeros().scale() > scale) {
            throw new ServiceException(WealthErrorCodes.AMOUNT_SCALE, "amount has more than " + scale + " decimals");
        }
        if (amount.compareTo(p.getMinAmount()) < 0) {
            throw new ServiceException(WealthErrorCodes.BELOW_MINIMUM,
                    "the minimum subscription is " + coins.atScale(p.getLockCoin(), p.getMinAmount()).toPlainString());
        }
        BigDecimal mine = positions.userLocked(userId, productId);
        if (mine.add(amount).compareTo(p.getMaxPerUser()) > 0) {
            throw new ServiceException(WealthErrorCodes.ABOVE_USER_MAXIMUM, "you may add at most "
                    + coins.atScale(p.getLockCoin(), p.getMaxPerUser().subtract(mine).max(BigDecimal.ZERO)).toPlainString());
        }
        if (products.addLocked(productId, amount, now) != 1) {
            throw new ServiceException(WealthErrorCodes.QUOTA_EXCEEDED);
        }
        LocalDate startDay = now.toLocalDate().plusDays(1); // accrues from the day after (UTC)
        PositionDO position = new PositionDO();
        position.setUserId(userId);
        position.setProductId(productId);
        position.setRequestNo(requestNo);
        position.setRequestHash(hash);
        position.setAmount(amount.setScale(scale, RoundingMode.UNNECESSARY)); // its decimals were checked above
        position.setStatus(PositionStatus.SUBSCRIBING.name());
        position.setStartDay(startDay);
        position.setEndDay(p.getTermDays() == null ? null : startDay.plusDays(p.getTermDays() - 1));
        position.setAccrued(BigDecimal.ZERO);
        position.setCreatedAt(now);
        position.setUpdatedAt(now);
        positions.insert(position);
        return position.getId();
    }

    /** A request under a number already used: the same request answers its position, another is 18009. */
    private PositionView repeat(PositionDO existing, SubscribeRequest r) {
        Long productId = r.productId();
        if (productId == null) {
            ProductDO named = byCode(r.productCode());
            productId = named == null ? null : named.getId();
        }
        if (productId == null || !fingerprint(productId, r.amount()).equals(existing.getRequestHash())) {
            throw new ServiceException(WealthErrorCodes.REQUEST_NO_REUSED);
        }
        step.subscribe(existing.getId()); // a retry drives a subscription whose first answer was lost
        PositionDO now = positions.selectById(existing.getId());
        if (PositionStatus.FAILED.name().equals(now.getStatus())) {
            throw SubscriptionRefusals.replay(now.getFailureCode());
        }
        return views.view(now);
    }

    private PositionDO find(long userId, String requestNo) {
        return positions.selectOne(new LambdaQueryWrapper<PositionDO>().eq(PositionDO::getUserId, userId)
                .eq(PositionDO::getRequestNo, requestNo));
    }

    private ProductDO byCode(String code) {
        return products.selectOne(new LambdaQueryWrapper<ProductDO>().eq(ProductDO::getCode, code));
    }

    /** What makes two subscriptions the same request: the product and the amount ("1" equals "1.00"). */
    static String fingerprint(long productId, BigDecimal amount) {
        String text = productId + "\u001f" + (amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
