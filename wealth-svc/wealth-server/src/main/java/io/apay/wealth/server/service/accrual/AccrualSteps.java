package io.apay.wealth.server.service.accrual;

import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.KeyVoids;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.TransferLeg;
import io.apay.ledger.api.dto.TransferRequest;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.wealth.api.dto.ProductBalances;
import io.apay.wealth.server.dal.dataobject.AccrualRunDO;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import io.apay.wealth.server.dal.mapper.AccrualMapper;
import io.apay.wealth.server.dal.mapper.ProductMapper;
import io.apay.wealth.server.service.product.LedgerCoins;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One product's accrual of one day, in the one pattern (docs/development.md): {@link #calculate} computes every
 * position's reward and commits the run CALCULATED with its rows (the durable intent); {@link #post} moves the day's
 * gross in the ledger under {@code wealth:accrual:<runId>} and then, in one transaction, marks the run POSTED, adds
 * the rewards to the positions and advances the product. A refusal (the pool cannot pay) voids the key and ends the
 * run VOIDED with its rows deleted and the product stalled; an unknown outcome leaves the run CALCULATED for the next
 * call or the recovery, which post it again with the same key.
 */
@Service
public class AccrualSteps {

    private static final Logger log = LoggerFactory.getLogger(AccrualSteps.class);
    /** Rows per INSERT statement: one round trip per 500 positions. */
    private static final int INSERT_CHUNK = 500;

    /** What {@link #calculate} did. */
    public sealed interface Calculation {
        /** A run CALCULATED with {@code rows} position rewards. */
        record Run(long runId, int rows) implements Calculation {
        }

        /** No position earned that day: the product advanced past it, with nothing to move. */
        record NoPositions() implements Calculation {
        }

        /** The day is not the product's next (another caller got there first): stop this product for now. */
        record NotDue() implements Calculation {
        }
    }

    /** Where {@link #post} left a run. */
    public enum Posting { POSTED, VOIDED, PENDING }

    private final AccrualMapper accruals;
    private final ProductMapper products;
    private final LedgerCoins coins;
    private final LedgerApi ledger;
    private final KeyVoids voids;
    private final StalledProducts stalled;
    private final TransactionTemplate tx;
    private final Clock clock;

    public AccrualSteps(AccrualMapper accruals, ProductMapper products, LedgerCoins coins, LedgerApi ledger, KeyVoids voids,
                        StalledProducts stalled, TransactionTemplate tx, Clock clock) {
        this.accruals = accruals;
        this.products = products;
        this.coins = coins;
        this.ledger = ledger;
        this.voids = voids;
        this.stalled = stalled;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * In one transaction: the product's row and its positions earning on {@code day} locked, each one's reward and the
     * product's gross computed, the run inserted CALCULATED with its rows. {@code day} must be the product's next day.
     */
    public Calculation calculate(long productId, LocalDate day) {
        int scale = coins.scale(products.selectById(productId).getRewardCoin()); // outside the transaction: it may call the ledger
        try {
            return tx.execute(status -> {
                ProductDO product = accruals.lockProduct(productId);
                if (product.getAccruedThrough() != null && !product.getAccruedThrough().plusDays(1).equals(day)) {
                    return new Calculation.NotDue();
                }
                List<AccrualMapper.Eligible> positions = accruals.lockEligible(productId, day);
                LocalDateTime now = now();
                if (positions.isEmpty()) {
                    accruals.productAccrued(productId, day, now);
                    return new Calculation.NoPositions();
                }
                AccrualFormula formula = AccrualFormula.of(product.getType(), product.getRewardRate(), scale);
                List<AccrualMapper.Row> rows = new ArrayList<>(positions.size());
                BigDecimal principal = BigDecimal.ZERO;
                BigDecimal paid = BigDecimal.ZERO;
                for (AccrualMapper.Eligible p : positions) {
                    BigDecimal r = formula.reward(p.amount);
                    rows.add(new AccrualMapper.Row(p.id, r));
                    principal = principal.add(p.amount);
                    paid = paid.add(r);
                }
                BigDecimal gross = formula.reward(principal);
                AccrualRunDO run = new AccrualRunDO();
                run.setProductId(productId);
                run.setDay(day);
                run.setStatus("CALCULATED");
                run.setPositions(rows.size());
                run.setPrincipal(principal);
                run.setGross(gross);
                run.setPaid(paid);
                run.setRounding(gross.subtract(paid));
                run.setCreatedAt(now);
                run.setUpdatedAt(now);
                accruals.insert(run);
                for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
                    accruals.insertRows(run.getId(), day, rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK)));
                }
                return new Calculation.Run(run.getId(), rows.size());
            });
        } catch (DuplicateKeyException e) {
            // a live run of this day exists (another caller's, committed meanwhile): it is finished by whoever made it
            return new Calculation.NotDue();
        }
    }

    /** Moves a CALCULATED run's gross in the ledger and ends it; safe to call any number of times, from anywhere. */
    public Posting post(long runId) {
        AccrualRunDO run = accruals.selectById(runId);
        switch (run.getStatus()) {
            case "POSTED" -> {
                return Posting.POSTED;
            }
            case "VOIDED" -> {
                return Posting.VOIDED;
            }
            default -> {
            }
        }
        if (run.getGross().signum() == 0) {
            finishPosted(run, null); // nothing to move: every reward rounded to 0
            return Posting.POSTED;
        }
        ProductDO product = products.selectById(run.getProductId());
        accruals.markAttempt(runId, now());
        String key = key(runId);
        RemoteOutcome<TransactionView> moved = RemoteOutcome.of(() -> ledger.transfer(new TransferRequest(key, key,
                "accrual " + product.getCode() + " " + run.getDay(), legs(product, run, coins.scale(product.getRewardCoin())), null, null)).checkedData());
        if (moved instanceof RemoteOutcome.Done<TransactionView> done) {
            finishPosted(run, done.value().txnId());
            return Posting.POSTED;
        }
        if (moved instanceof RemoteOutcome.Refused<TransactionView> refused) {
            switch (voids.voidKey(key, key, "accrual " + runId + " not posted")) {
                case VOIDED -> {
                    finishVoided(run, product, refused.error().code());
                    return Posting.VOIDED;
                }
                case USED -> {
                    // an earlier attempt under the key was applied after all
                    return voids.used(key).map(txn -> {
                        finishPosted(run, txn.txnId());
                        return Posting.POSTED;
                    }).orElse(Posting.PENDING);
                }
                case UNKNOWN -> log.warn("accrual run {}: refused, voiding its key had an unknown outcome; retried later", runId);
            }
            return Posting.PENDING;
        }
        log.warn("accrual run {}: the ledger's answer was lost; the next call or the recovery posts it again", runId);
        return Posting.PENDING;
    }

    static String key(long runId) {
        return "wealth:accrual:" + runId;
    }

    /** The amounts at the reward coin's scale, which they were computed at (the columns keep 18 decimals). */
    private static List<TransferLeg> legs(ProductDO product, AccrualRunDO run, int scale) {
        String owner = ProductBalances.ledgerOwnerId(product.getId());
        AccountRef pool = AccountRef.of(OwnerType.PRODUCT, owner, product.getRewardCoin(), AccountKind.REWARD_POOL);
        List<TransferLeg> legs = new ArrayList<>(2);
        if (run.getPaid().signum() > 0) {
            legs.add(new TransferLeg(pool, AccountRef.of(OwnerType.PRODUCT, owner, product.getRewardCoin(), AccountKind.REWARD_PAYABLE),
                    run.getPaid().setScale(scale, RoundingMode.UNNECESSARY)));
        }
        if (run.getRounding().signum() > 0) {
            legs.add(new TransferLeg(pool, AccountRef.of(OwnerType.PRODUCT, owner, product.getRewardCoin(), AccountKind.ROUNDING),
                    run.getRounding().setScale(scale, RoundingMode.UNNECESSARY)));
        }
        return legs;
    }

    /** In one transaction: the run POSTED (only from CALCULATED), the product advanced, the positions' rewards added. */
    private void finishPosted(AccrualRunDO run, Long txnId) {
        tx.executeWithoutResult(status -> {
            LocalDateTime now = now();
            if (accruals.posted(run.getId(), txnId, now) != 1) {
                return; // another caller finished it
            }
            accruals.productAccrued(run.getProductId(), run.getDay(), now); // the product's row before the positions', as calculate locks them
            accruals.creditPositions(run.getId(), now);
        });
    }

    /** In one transaction: the run VOIDED (only from CALCULATED), its rows deleted, the product stalled. */
    private void finishVoided(AccrualRunDO run, ProductDO product, int code) {
        Boolean ended = tx.execute(status -> {
            LocalDateTime now = now();
            if (accruals.voided(run.getId(), code, now) != 1) {
                return false;
            }
            accruals.stall(run.getProductId(), code, now);
            accruals.deleteRows(run.getId());
            return true;
        });
        if (Boolean.TRUE.equals(ended)) {
            log.error("ALERT wealth accrual stalled product={} day={}: the reward pool cannot pay the day ({}); fund it", product.getCode(),
                    run.getDay(), code);
            stalled.refresh();
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
