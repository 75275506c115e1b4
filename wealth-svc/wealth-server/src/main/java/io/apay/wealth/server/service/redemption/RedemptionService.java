package io.apay.wealth.server.service.redemption;

import io.apay.common.core.error.ServiceException;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.common.web.oplog.OperationLog;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.TransferLeg;
import io.apay.ledger.api.dto.TransferRequest;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.wealth.api.WealthErrorCodes;
import io.apay.wealth.api.dto.ProductBalances;
import io.apay.wealth.server.dal.dataobject.PositionDO;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import io.apay.wealth.server.dal.mapper.AccrualMapper;
import io.apay.wealth.server.dal.mapper.PositionMapper;
import io.apay.wealth.server.dal.mapper.ProductMapper;
import io.apay.wealth.server.dal.mapper.RedemptionMapper;
import io.apay.wealth.server.service.accrual.AccrualService;
import io.apay.wealth.server.service.product.LedgerCoins;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Redemptions (docs/wealth.md, "Redemption"), in the one pattern (docs/development.md): the position goes OPEN ->
 * REDEEMING with its kind (the durable intent; a conditional update, so a second request is refused 18012 and the
 * accrual, which selects OPEN positions under a lock, never includes it again). The step then waits for any accrual
 * run still CALCULATED with a reward of the position, fixes the amounts once, and moves them in the ledger under
 * {@code wealth:redeem:<positionId>}; then REDEEMED and the product's {@code locked} given back, in one transaction.
 * A refusal cannot happen while the ledger holds what wealth-svc says (a broken invariant): it is logged as an
 * ERROR and the position stays REDEEMING, reported by the reconciliation; it is never voided.
 */
@Service
public class RedemptionService {

    private static final Logger log = LoggerFactory.getLogger(RedemptionService.class);
    /** Before any accrued day: the lower bound of a position that never accrued. */
    private static final int MATURITY_PAGE = 500;
    private static final LocalDate BEFORE_ANY_DAY = LocalDate.of(1000, 1, 1);

    private final PositionMapper positions;
    private final ProductMapper products;
    private final RedemptionMapper redemptions;
    private final AccrualMapper accruals;
    private final LedgerCoins coins;
    private final AccrualService accrual;
    private final LedgerApi ledger;
    private final TransactionTemplate tx;
    private final Clock clock;

    public RedemptionService(PositionMapper positions, ProductMapper products, RedemptionMapper redemptions, AccrualMapper accruals,
                             LedgerCoins coins, AccrualService accrual, LedgerApi ledger, TransactionTemplate tx, Clock clock) {
        this.positions = positions;
        this.products = products;
        this.redemptions = redemptions;
        this.accruals = accruals;
        this.coins = coins;
        this.accrual = accrual;
        this.ledger = ledger;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * The owner redeems an open position: flexible any time; fixed term before maturity only if the product allows it
     * (EARLY, with the penalty), after maturity once its last day is accrued (MATURITY; until then the accrual's own
     * maturity step will redeem it). Answers REDEEMED, or REDEEMING while it waits for a run or the ledger's answer.
     */
    @OperationLog("wealth.position.redeem")
    public RedemptionView redeem(long userId, long positionId) {
        PositionDO p = positions.selectById(positionId);
        if (p == null || p.getUserId() != userId) {
            throw new ServiceException(WealthErrorCodes.POSITION_NOT_FOUND);
        }
        if (!"OPEN".equals(p.getStatus())) {
            throw new ServiceException(WealthErrorCodes.POSITION_NOT_OPEN);
        }
        ProductDO product = products.selectById(p.getProductId());
        if (product.getTermDays() != null && !p.getEndDay().isBefore(today()) && !Boolean.TRUE.equals(product.getEarlyRedeem())) {
            throw new ServiceException(WealthErrorCodes.EARLY_REDEMPTION_NOT_ALLOWED); // before any work for it
        }
        // the days its product has not accrued yet (the daily job was down) are accrued first, so they are paid
        accrual.catchUp(p.getProductId());
        product = products.selectById(p.getProductId());
        if (redemptions.start(positionId, kind(p, product), now()) != 1) {
            throw new ServiceException(WealthErrorCodes.POSITION_NOT_OPEN);
        }
        step(positionId);
        return view(positions.selectById(positionId), product);
    }

    /** Starts the automatic redemption of every matured position whose last day is accrued; answers how many. */
    public int redeemMatured() {
        int started = 0;
        long after = 0;
        for (List<Long> page; !(page = accruals.matured(today(), after, MATURITY_PAGE)).isEmpty(); after = page.get(page.size() - 1)) {
            for (long positionId : page) {
                try {
                    started += mature(positionId) ? 1 : 0;
                } catch (RuntimeException e) {
                    log.error("maturity of position {} not started: {}", positionId, e.toString());
                }
            }
        }
        return started;
    }

    /** Starts the automatic redemption of a matured position (kind MATURITY); false if it is not (or no longer) due. */
    public boolean mature(long positionId) {
        if (redemptions.startMaturity(positionId, today(), now()) != 1) {
            return false;
        }
        step(positionId);
        return true;
    }

    /** Drives a REDEEMING position to REDEEMED; does nothing for any other state. Safe to call any number of times. */
    public void step(long positionId) {
        PositionDO p = positions.selectById(positionId);
        if (!"REDEEMING".equals(p.getStatus())) {
            return;
        }
        redemptions.markAttempt(positionId, now());
        ProductDO product = products.selectById(p.getProductId());
        if (p.getRewardPaid() == null) {
            if (accruals.pendingFor(positionId, p.getAccruedThrough() == null ? BEFORE_ANY_DAY : p.getAccruedThrough())) {
                log.info("redemption of position {} waits for its product's accrual run being posted", positionId);
                return;
            }
            BigDecimal penalty = "EARLY".equals(p.getRedeemKind())
                    ? p.getAccrued().multiply(product.getEarlyPenaltyShare()).setScale(coins.scale(product.getRewardCoin()), RoundingMode.DOWN)
                    : BigDecimal.ZERO;
            // guarded by the accrued amount read: a run posted since (it was CALCULATED before the position left OPEN)
            // changed it, and the next call fixes the amounts from the new one
            if (redemptions.fixAmounts(positionId, p.getAccrued(), p.getAccrued().subtract(penalty), penalty, now()) != 1) {
                return;
            }
            p = positions.selectById(positionId);
        }
        String key = "wealth:redeem:" + positionId;
        PositionDO fixed = p;
        RemoteOutcome<TransactionView> moved = RemoteOutcome.of(() -> ledger.transfer(new TransferRequest(key, key,
                "redeem position " + positionId + " of " + product.getCode(), legs(fixed, product), null, null)).checkedData());
        if (moved instanceof RemoteOutcome.Done<TransactionView> done) {
            tx.executeWithoutResult(status -> {
                // the product's row first, as the accrual and the subscriptions lock it
                redemptions.release(product.getId(), fixed.getAmount(), now());
                if (redemptions.redeemed(positionId, done.value().txnId(), now()) != 1) {
                    status.setRollbackOnly(); // another caller finished it
                }
            });
        } else if (moved instanceof RemoteOutcome.Refused<TransactionView> refused) {
            log.error("redemption of position {} refused by the ledger ({}): the product's accounts do not hold what wealth-svc says;"
                    + " left REDEEMING for the reconciliation", positionId, refused.error().code());
        } else {
            log.warn("redemption of position {}: the ledger's answer was lost; the recovery job finishes it", positionId);
        }
    }

    private String kind(PositionDO p, ProductDO product) {
        if (product.getTermDays() == null) {
            return "FLEXIBLE";
        }
        if (!p.getEndDay().isBefore(today())) {
            return "EARLY"; // allowed: redeem() refused it before otherwise
        }
        if (product.getAccruedThrough() == null || product.getAccruedThrough().isBefore(p.getEndDay())) {
            // matured but its product's last days not accrued yet (a stalled pool): the accrual redeems it once they are
            throw new ServiceException(WealthErrorCodes.POSITION_NOT_OPEN);
        }
        return "MATURITY";
    }

    /** The amounts at their coins' scales, which they were computed at (the columns keep 18 decimals). */
    private List<TransferLeg> legs(PositionDO p, ProductDO product) {
        int lockScale = coins.scale(product.getLockCoin());
        int rewardScale = coins.scale(product.getRewardCoin());
        String owner = ProductBalances.ledgerOwnerId(product.getId());
        String user = Long.toString(p.getUserId());
        List<TransferLeg> legs = new ArrayList<>(3);
        legs.add(new TransferLeg(AccountRef.of(OwnerType.PRODUCT, owner, product.getLockCoin(), AccountKind.STAKED),
                AccountRef.of(OwnerType.USER, user, product.getLockCoin(), AccountKind.AVAILABLE), p.getAmount().setScale(lockScale, RoundingMode.UNNECESSARY)));
        AccountRef payable = AccountRef.of(OwnerType.PRODUCT, owner, product.getRewardCoin(), AccountKind.REWARD_PAYABLE);
        if (p.getRewardPaid().signum() > 0) {
            legs.add(new TransferLeg(payable, AccountRef.of(OwnerType.USER, user, product.getRewardCoin(), AccountKind.AVAILABLE),
                    p.getRewardPaid().setScale(rewardScale, RoundingMode.UNNECESSARY)));
        }
        if (p.getPenalty().signum() > 0) {
            legs.add(new TransferLeg(payable, AccountRef.of(OwnerType.PRODUCT, owner, product.getRewardCoin(), AccountKind.REWARD_POOL),
                    p.getPenalty().setScale(rewardScale, RoundingMode.UNNECESSARY)));
        }
        return legs;
    }

    private RedemptionView view(PositionDO p, ProductDO product) {
        int lockScale = coins.scale(product.getLockCoin());
        int rewardScale = coins.scale(product.getRewardCoin());
        return new RedemptionView(p.getId(), p.getProductId(), p.getStatus(), p.getRedeemKind(), product.getLockCoin(),
                p.getAmount().setScale(lockScale, RoundingMode.UNNECESSARY), product.getRewardCoin(),
                p.getAccrued().setScale(rewardScale, RoundingMode.UNNECESSARY), scaled(p.getRewardPaid(), rewardScale),
                scaled(p.getPenalty(), rewardScale), p.getRedeemTxnId(), instant(p.getRedeemRequestedAt()), instant(p.getRedeemedAt()));
    }

    private static BigDecimal scaled(BigDecimal amount, int scale) {
        return amount == null ? null : amount.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static java.time.Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
