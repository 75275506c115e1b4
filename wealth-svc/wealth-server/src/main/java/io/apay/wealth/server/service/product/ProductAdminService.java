package io.apay.wealth.server.service.product;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.wealth.api.WealthErrorCodes;
import io.apay.wealth.api.dto.ProductBalances;
import io.apay.wealth.server.controller.admin.vo.ProductLedgerBalances;
import io.apay.wealth.server.controller.admin.vo.ProductRequest;
import io.apay.wealth.server.controller.admin.vo.ProductView;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import io.apay.wealth.server.dal.mapper.ProductMapper;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Operators define products: create (DRAFT), edit (DRAFT only), publish, pause, resume, retire. Every change is one
 * conditional UPDATE from the status it needs, op-logged with the operator's reason and the product before and after.
 */
@Service
public class ProductAdminService {

    private static final Logger log = LoggerFactory.getLogger(ProductAdminService.class);

    private final ProductMapper products;
    private final ProductRules rules;
    private final LedgerCoins coins;
    private final LedgerApi ledger;
    private final Clock clock;

    public ProductAdminService(ProductMapper products, ProductRules rules, LedgerCoins coins, LedgerApi ledger, Clock clock) {
        this.products = products;
        this.rules = rules;
        this.coins = coins;
        this.ledger = ledger;
        this.clock = clock;
    }

    @OperationLog(value = "wealth.product.create", reasonRequired = true)
    public ProductView create(ProductRequest request) {
        ProductDO p = rules.define(request);
        p.setStatus(ProductStatus.DRAFT.name());
        p.setLocked(BigDecimal.ZERO);
        p.setCreatedAt(now());
        p.setUpdatedAt(now());
        try {
            products.insert(p);
        } catch (DuplicateKeyException e) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_CODE_TAKEN);
        }
        ProductView after = view(products.selectById(p.getId()), null);
        OperationLogContext.recordChange(null, after);
        return after;
    }

    @OperationLog(value = "wealth.product.edit", reasonRequired = true)
    public ProductView edit(long productId, ProductRequest request) {
        ProductDO before = require(productId);
        if (!ProductStatus.DRAFT.name().equals(before.getStatus())) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_NOT_EDITABLE);
        }
        ProductDO p = rules.define(request);
        p.setId(productId);
        p.setUpdatedAt(now());
        int updated;
        try {
            updated = products.editDraft(p);
        } catch (DuplicateKeyException e) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_CODE_TAKEN);
        }
        if (updated != 1) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_NOT_EDITABLE); // published meanwhile
        }
        ProductView after = view(products.selectById(productId), null);
        OperationLogContext.recordChange(view(before, null), after);
        return after;
    }

    @OperationLog(value = "wealth.product.publish", reasonRequired = true)
    public ProductView publish(long productId, String reason) {
        return move(productId, ProductStatus.DRAFT, ProductStatus.ON_SALE);
    }

    @OperationLog(value = "wealth.product.pause", reasonRequired = true)
    public ProductView pause(long productId, String reason) {
        return move(productId, ProductStatus.ON_SALE, ProductStatus.PAUSED);
    }

    @OperationLog(value = "wealth.product.resume", reasonRequired = true)
    public ProductView resume(long productId, String reason) {
        return move(productId, ProductStatus.PAUSED, ProductStatus.ON_SALE);
    }

    /** From any status but RETIRED: the status read is the one the UPDATE requires, so a concurrent change is refused. */
    @OperationLog(value = "wealth.product.retire", reasonRequired = true)
    public ProductView retire(long productId, String reason) {
        ProductDO before = require(productId);
        if (ProductStatus.RETIRED.name().equals(before.getStatus())) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_STATE);
        }
        return move(before, ProductStatus.valueOf(before.getStatus()), ProductStatus.RETIRED);
    }

    public PageResult<ProductView> list(String status, PageParam page) {
        Page<ProductDO> p = products.selectPage(Page.of(page.page(), page.size()), new LambdaQueryWrapper<ProductDO>()
                .eq(status != null, ProductDO::getStatus, status).orderByDesc(ProductDO::getId));
        return new PageResult<>(p.getRecords().stream().map(d -> view(d, null)).toList(), p.getTotal());
    }

    /** One product with its ledger balances (absent if the ledger did not answer: the product is still shown). */
    public ProductView get(long productId) {
        ProductDO p = require(productId);
        return view(p, balances(p));
    }

    private ProductView move(long productId, ProductStatus from, ProductStatus to) {
        return move(require(productId), from, to);
    }

    private ProductView move(ProductDO before, ProductStatus from, ProductStatus to) {
        if (products.transition(before.getId(), from.name(), to.name(), now()) != 1) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_STATE);
        }
        ProductView after = view(products.selectById(before.getId()), null);
        OperationLogContext.recordChange(view(before, null), after);
        return after;
    }

    private ProductDO require(long productId) {
        ProductDO p = products.selectById(productId);
        if (p == null) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_NOT_FOUND);
        }
        return p;
    }

    private ProductLedgerBalances balances(ProductDO p) {
        String owner = ProductBalances.ledgerOwnerId(p.getId());
        RemoteOutcome<List<BalanceView>> read = RemoteOutcome.of(() -> ledger.balances(OwnerType.PRODUCT, owner, null).checkedData());
        if (!(read instanceof RemoteOutcome.Done<List<BalanceView>> done)) {
            log.warn("product {}: its ledger balances could not be read: {}", p.getId(), read);
            return null;
        }
        return new ProductLedgerBalances(owner,
                balance(done.value(), p.getLockCoin(), AccountKind.STAKED),
                balance(done.value(), p.getRewardCoin(), AccountKind.REWARD_POOL),
                balance(done.value(), p.getRewardCoin(), AccountKind.REWARD_PAYABLE),
                balance(done.value(), p.getRewardCoin(), AccountKind.ROUNDING));
    }

    private BigDecimal balance(List<BalanceView> all, String coin, AccountKind kind) {
        BigDecimal found = all.stream().filter(b -> b.coin().equals(coin) && b.kind() == kind).map(BalanceView::balance)
                .findFirst().orElse(BigDecimal.ZERO);
        return coins.atScale(coin, found);
    }

    private ProductView view(ProductDO p, ProductLedgerBalances balances) {
        String coin = p.getLockCoin();
        return new ProductView(p.getId(), p.getCode(), p.getName(), p.getType(), coin, p.getRewardCoin(), p.getTermDays(),
                p.getRewardRate().stripTrailingZeros(), coins.atScale(coin, p.getMinAmount()), coins.atScale(coin, p.getMaxPerUser()),
                coins.atScale(coin, p.getTotalQuota()), coins.atScale(coin, p.getLocked()), instant(p.getSaleStart()),
                instant(p.getSaleEnd()), Boolean.TRUE.equals(p.getEarlyRedeem()), p.getEarlyPenaltyShare().stripTrailingZeros(),
                p.getStatus(), p.getAccruedThrough(), p.getAccrualStalledCode(), instant(p.getAccrualStalledAt()),
                instant(p.getCreatedAt()), instant(p.getUpdatedAt()), balances);
    }

    static java.time.Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
