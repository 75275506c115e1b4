package io.apay.wealth.server.service.funding;

import io.apay.common.core.error.ServiceException;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.oplog.OperationLogContext;
import io.apay.common.web.security.RequestIdentity;
import io.apay.ledger.api.KeyVoids;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.TransferLeg;
import io.apay.ledger.api.dto.TransferRequest;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.wealth.api.WealthErrorCodes;
import io.apay.wealth.api.dto.ProductBalances;
import io.apay.wealth.server.controller.admin.vo.FundingRequest;
import io.apay.wealth.server.controller.admin.vo.FundingView;
import io.apay.wealth.server.dal.dataobject.FundingDO;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import io.apay.wealth.server.dal.mapper.FundingMapper;
import io.apay.wealth.server.dal.mapper.ProductMapper;
import io.apay.wealth.server.service.product.LedgerCoins;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * An operator funds a product's reward pool from the platform's FUNDING account, in the one pattern
 * (docs/development.md): the funding is stored PENDING and committed, the ledger moves the coin under
 * {@code wealth:funding:<id>}, then DONE; a refusal voids the key and ends it FAILED (nothing moved); an unknown
 * outcome stays PENDING for the recovery. Idempotent on {@code fundingNo}: the same one for another product or amount
 * is refused (18019). A stalled product's accrual resumes at its next call (the accrual reads the pool then).
 */
@Service
public class FundingService {

    private static final Logger log = LoggerFactory.getLogger(FundingService.class);

    private final FundingMapper fundings;
    private final ProductMapper products;
    private final LedgerCoins coins;
    private final LedgerApi ledger;
    private final KeyVoids voids;
    private final Clock clock;

    public FundingService(FundingMapper fundings, ProductMapper products, LedgerCoins coins, LedgerApi ledger, KeyVoids voids, Clock clock) {
        this.fundings = fundings;
        this.products = products;
        this.coins = coins;
        this.ledger = ledger;
        this.voids = voids;
        this.clock = clock;
    }

    @OperationLog(value = "wealth.funding", reasonRequired = true)
    public FundingView fund(long productId, FundingRequest r) {
        ProductDO product = products.selectById(productId);
        if (product == null) {
            throw new ServiceException(WealthErrorCodes.PRODUCT_NOT_FOUND);
        }
        int scale = coins.scale(product.getRewardCoin());
        if (r.amount().stripTrailingZeros().scale() > scale) {
            throw new ServiceException(WealthErrorCodes.AMOUNT_SCALE);
        }
        FundingDO existing = fundings.byNo(r.fundingNo());
        if (existing != null) {
            return repeat(existing, productId, r.amount());
        }
        FundingDO f = new FundingDO();
        f.setProductId(productId);
        f.setFundingNo(r.fundingNo());
        f.setCoin(product.getRewardCoin());
        f.setAmount(r.amount());
        f.setStatus("PENDING");
        f.setOperator(RequestIdentity.operatorId().map(String::valueOf).orElse("system"));
        f.setReason(r.reason());
        f.setCreatedAt(now());
        f.setUpdatedAt(now());
        try {
            fundings.insert(f);
        } catch (DuplicateKeyException e) {
            return repeat(fundings.byNo(r.fundingNo()), productId, r.amount());
        }
        move(f.getId());
        FundingView after = view(fundings.selectById(f.getId()));
        OperationLogContext.recordChange(null, after);
        return after;
    }

    /** Moves a PENDING funding's coin; DONE, or FAILED with the ledger's code once its key is voided. */
    public void move(long id) {
        FundingDO f = fundings.selectById(id);
        if (!"PENDING".equals(f.getStatus())) {
            return;
        }
        fundings.markAttempt(id, now());
        String key = "wealth:funding:" + id;
        RemoteOutcome<TransactionView> moved = RemoteOutcome.of(() -> ledger.transfer(new TransferRequest(key, key,
                "reward pool funding " + f.getFundingNo(), List.of(new TransferLeg(
                AccountRef.platform(f.getCoin(), AccountKind.FUNDING),
                AccountRef.of(OwnerType.PRODUCT, ProductBalances.ledgerOwnerId(f.getProductId()), f.getCoin(), AccountKind.REWARD_POOL),
                f.getAmount().setScale(coins.scale(f.getCoin()), RoundingMode.UNNECESSARY))), null, null)).checkedData());
        if (moved instanceof RemoteOutcome.Done<TransactionView> done) {
            fundings.done(id, done.value().txnId(), now());
        } else if (moved instanceof RemoteOutcome.Refused<TransactionView> refused) {
            switch (voids.voidKey(key, key, "funding " + id + " not made")) {
                case VOIDED -> fundings.failed(id, refused.error().code(), now());
                case USED -> voids.used(key).ifPresent(txn -> fundings.done(id, txn.txnId(), now()));
                case UNKNOWN -> log.warn("funding {}: refused, voiding its key had an unknown outcome; recovery retries", id);
            }
        } else {
            log.warn("funding {}: the ledger's answer was lost; the recovery job finishes it", id);
        }
    }

    private FundingView repeat(FundingDO f, long productId, BigDecimal amount) {
        if (f.getProductId() != productId || f.getAmount().compareTo(amount) != 0) {
            throw new ServiceException(WealthErrorCodes.FUNDING_NO_REUSED);
        }
        move(f.getId()); // a retry drives a funding whose first answer was lost
        return view(fundings.selectById(f.getId()));
    }

    private FundingView view(FundingDO f) {
        return new FundingView(f.getFundingNo(), f.getProductId(), f.getCoin(),
                f.getAmount().setScale(coins.scale(f.getCoin()), RoundingMode.UNNECESSARY), f.getStatus(), f.getOperator(), f.getReason(),
                f.getTxnId(), f.getFailureCode(), f.getCreatedAt().toInstant(ZoneOffset.UTC));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
