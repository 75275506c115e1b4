package io.apay.wealth.server.service.accrual;

import io.apay.common.core.error.ServiceException;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.BalanceView;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.wealth.api.WealthErrorCodes;
import io.apay.wealth.api.dto.AccrualReport;
import io.apay.wealth.api.dto.ProductBalances;
import io.apay.wealth.server.dal.dataobject.AccrualRunDO;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import io.apay.wealth.server.dal.mapper.AccrualMapper;
import io.apay.wealth.server.dal.mapper.ProductMapper;
import io.apay.wealth.server.service.product.LedgerCoins;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The daily accrual job (docs/wealth.md, "Accrual"): every product, day by day in order from the day after the last
 * one it accrued up to {@code through}, each day one {@link AccrualSteps} run; a product stops at the first day it
 * cannot finish (a stalled pool, an unknown ledger answer) and later days wait. Idempotent: a day accrued is never
 * run again. A redemption first brings its product up to yesterday ({@link #catchUp}), so a user who redeems after
 * an outage of the job is still paid the days it missed.
 */
@Service
public class AccrualService {

    private static final Logger log = LoggerFactory.getLogger(AccrualService.class);

    /** At most this many days a redemption accrues first; a longer backlog (a long outage) is left to the job. */
    static final int CATCH_UP_DAYS = 7;

    private final AccrualMapper accruals;
    private final ProductMapper products;
    private final AccrualSteps steps;
    private final LedgerCoins coins;
    private final LedgerApi ledger;
    private final StalledProducts stalled;
    private final Clock clock;

    public AccrualService(AccrualMapper accruals, ProductMapper products, AccrualSteps steps, LedgerCoins coins,
                          LedgerApi ledger, StalledProducts stalled, Clock clock) {
        this.accruals = accruals;
        this.products = products;
        this.steps = steps;
        this.coins = coins;
        this.ledger = ledger;
        this.stalled = stalled;
        this.clock = clock;
    }

    /** What one product's pass did. */
    private static final class Tally {
        int productDays;
        long positionDays;
        final List<String> stalledProducts = new ArrayList<>();
        final List<String> incompleteProducts = new ArrayList<>();
    }

    public AccrualReport accrue(LocalDate through) {
        LocalDate today = LocalDate.now(clock);
        if (!through.isBefore(today)) {
            throw new ServiceException(WealthErrorCodes.DAY_NOT_ENDED);
        }
        Tally tally = new Tally();
        for (ProductDO product : accruals.accruingProducts()) {
            boolean done = false;
            try {
                done = accrueProduct(product.getId(), through, tally);
            } catch (RuntimeException e) {
                // one product's failure (the database, a ledger read) does not hold the others back; its next call resumes it
                log.error("accrual of product {} stopped: {}", product.getCode(), e.toString());
            }
            if (!done && !tally.stalledProducts.contains(product.getCode())) {
                tally.incompleteProducts.add(product.getCode());
            }
        }
        stalled.refresh();
        return new AccrualReport(through, tally.productDays, tally.positionDays, List.copyOf(tally.stalledProducts),
                List.copyOf(tally.incompleteProducts), 0);
    }

    /**
     * Accrues one product up to yesterday, as the daily job would, before a redemption of one of its positions: best
     * effort and bounded (a failure is logged and the job finishes the days later; nothing is done while the product is
     * stalled, a run of it is being posted, or it is more than {@link #CATCH_UP_DAYS} days behind).
     */
    public void catchUp(long productId) {
        ProductDO product = products.selectById(productId);
        LocalDate yesterday = LocalDate.now(clock).minusDays(1);
        LocalDate last = product.getAccruedThrough();
        if (product.getAccrualStalledCode() != null || !accruals.calculatedRuns(productId).isEmpty()
                || (last != null && last.isBefore(yesterday.minusDays(CATCH_UP_DAYS)))) {
            // a stalled pool, a run being posted or a long backlog are the job's and the recovery's, not a request's
            return;
        }
        try {
            accrueProduct(productId, yesterday, new Tally());
        } catch (RuntimeException e) {
            log.warn("catch-up accrual of product {} before a redemption stopped: {}", productId, e.toString());
        }
    }

    /** True when the product is accrued through {@code through} (or has nothing to accrue); false when it stopped short. */
    private boolean accrueProduct(long productId, LocalDate through, Tally tally) {
        // a run left CALCULATED (a lost answer) is finished first, with its own key, before any later day
        for (long runId : accruals.calculatedRuns(productId)) {
            AccrualSteps.Posting posting = steps.post(runId);
            if (!count(posting, runId, productId, tally)) {
                return false;
            }
        }
        ProductDO product = products.selectById(productId);
        LocalDate last = product.getAccruedThrough();
        LocalDate day = last == null ? accruals.firstOpenStartDay(productId) : last.plusDays(1);
        if (day == null) {
            // nothing ever earned: no day to run, and a stall from a first day that was voided is over
            if (product.getAccrualStalledCode() != null && last == null) {
                accruals.productAccrued(productId, through, LocalDateTime.now(clock));
            }
            return true;
        }
        if (day.isAfter(through)) {
            return true;
        }
        if (last != null && !accruals.anyEarningBetween(productId, last, through)) {
            // nothing earns in the whole range: the product moves past it at once, day by day would change nothing
            accruals.productAccrued(productId, through, LocalDateTime.now(clock));
            tally.productDays += (int) (through.toEpochDay() - last.toEpochDay());
            return true;
        }
        if (product.getAccrualStalledCode() != null && !poolCanPay(product, day)) {
            tally.stalledProducts.add(product.getCode());
            return false;
        }
        for (; !day.isAfter(through); day = day.plusDays(1)) {
            AccrualSteps.Calculation calculation = steps.calculate(productId, day);
            if (calculation instanceof AccrualSteps.Calculation.NoPositions) {
                tally.productDays++;
            } else if (calculation instanceof AccrualSteps.Calculation.Run run) {
                if (!count(steps.post(run.runId()), run.runId(), productId, tally)) {
                    return false;
                }
            } else {
                // another caller is on this product (the job, a redemption's catch-up): done if it got there
                LocalDate reached = products.selectById(productId).getAccruedThrough();
                return reached != null && !reached.isBefore(through);
            }
        }
        return true;
    }

    /** Counts a run's outcome; false when the product must stop here (voided: stalled; pending: unknown answer). */
    private boolean count(AccrualSteps.Posting posting, long runId, long productId, Tally tally) {
        switch (posting) {
            case POSTED -> {
                AccrualRunDO run = accruals.selectById(runId);
                tally.productDays++;
                tally.positionDays += run.getPositions();
                return true;
            }
            case VOIDED -> {
                tally.stalledProducts.add(products.selectById(productId).getCode());
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * A stalled product's pool against the day's gross, so a pool still known to be short does not churn a voided run
     * on every call. Only a shortcut: the ledger's refusal stays the guard. An unknown balance is no reason to post.
     */
    private boolean poolCanPay(ProductDO product, LocalDate day) {
        Optional<BigDecimal> pool = poolBalance(product);
        if (pool.isEmpty()) {
            return false;
        }
        BigDecimal gross = AccrualFormula.of(product.getType(), product.getRewardRate(), coins.scale(product.getRewardCoin()))
                .reward(accruals.eligiblePrincipal(product.getId(), day));
        if (pool.get().compareTo(gross) < 0) {
            log.error("ALERT wealth accrual stalled product={} day={}: the reward pool holds {}, the day needs {}", product.getCode(), day,
                    pool.get().toPlainString(), gross.toPlainString());
            return false;
        }
        return true;
    }

    private Optional<BigDecimal> poolBalance(ProductDO product) {
        RemoteOutcome<List<BalanceView>> read = RemoteOutcome.of(() -> ledger.balances(OwnerType.PRODUCT,
                ProductBalances.ledgerOwnerId(product.getId()), product.getRewardCoin()).checkedData());
        if (!(read instanceof RemoteOutcome.Done<List<BalanceView>> done)) {
            return Optional.empty();
        }
        return Optional.of(done.value().stream().filter(b -> b.kind() == AccountKind.REWARD_POOL).map(BalanceView::balance)
                .findFirst().orElse(BigDecimal.ZERO));
    }
}
