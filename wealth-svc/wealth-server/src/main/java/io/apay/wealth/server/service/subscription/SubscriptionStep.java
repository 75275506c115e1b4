package io.apay.wealth.server.service.subscription;

import io.apay.common.core.error.ErrorCode;
import io.apay.common.core.error.ServiceException;
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
import io.apay.wealth.server.dal.dataobject.PositionDO;
import io.apay.wealth.server.dal.dataobject.ProductDO;
import io.apay.wealth.server.dal.mapper.PositionMapper;
import io.apay.wealth.server.dal.mapper.ProductMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A subscription's ledger step, the one pattern of docs/development.md: the position is SUBSCRIBING (committed, its
 * amount counted in the product's {@code locked}); the ledger moves the coin USER AVAILABLE -> PRODUCT STAKED under
 * {@code wealth:subscribe:<positionId>}; then OPEN. A refusal voids the key and ends the position FAILED with the
 * quota given back, in one transaction; an unknown outcome leaves it SUBSCRIBING for {@link #recover}. Safe to call
 * any number of times, from a request and the recovery at once.
 */
@Service
public class SubscriptionStep {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionStep.class);

    private final PositionMapper positions;
    private final ProductMapper products;
    private final LedgerApi ledger;
    private final KeyVoids voids;
    private final TransactionTemplate tx;
    private final Clock clock;

    public SubscriptionStep(PositionMapper positions, ProductMapper products, LedgerApi ledger, KeyVoids voids,
                            PlatformTransactionManager txManager, Clock clock) {
        this.positions = positions;
        this.products = products;
        this.ledger = ledger;
        this.voids = voids;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    static String key(long positionId) {
        return "wealth:subscribe:" + positionId;
    }

    /**
     * Moves a SUBSCRIBING position's coin into its product and opens it. A refusal ends it FAILED and is thrown as
     * wealth's code (18010 for not enough balance); an unknown outcome returns with the position still SUBSCRIBING.
     */
    public void subscribe(long positionId) {
        PositionDO p = positions.selectById(positionId);
        if (p == null || !PositionStatus.SUBSCRIBING.name().equals(p.getStatus())) {
            return;
        }
        positions.markSubscribeAttempt(positionId, now());
        ProductDO product = products.selectById(p.getProductId());
        String key = key(positionId);
        String bizRef = "wealth:position:" + positionId;
        RemoteOutcome<TransactionView> moved = RemoteOutcome.of(() -> ledger.transfer(new TransferRequest(key, bizRef,
                "subscription of position " + positionId, List.of(new TransferLeg(
                AccountRef.of(OwnerType.USER, Long.toString(p.getUserId()), product.getLockCoin(), AccountKind.AVAILABLE),
                AccountRef.of(OwnerType.PRODUCT, ProductBalances.ledgerOwnerId(product.getId()), product.getLockCoin(), AccountKind.STAKED),
                p.getAmount())), null, null)).checkedData());
        if (moved instanceof RemoteOutcome.Done<TransactionView> done) {
            positions.subscribed(positionId, done.value().txnId(), now());
        } else if (moved instanceof RemoteOutcome.Refused<TransactionView> refused) {
            // give it up only once no earlier attempt under the key can still be applied
            switch (voids.voidKey(key, bizRef, "position " + positionId + " not subscribed")) {
                case VOIDED -> {
                    ErrorCode error = SubscriptionRefusals.fromLedger(refused.error());
                    fail(p, error);
                    throw new ServiceException(error);
                }
                case USED -> voids.used(key).ifPresent(txn -> positions.subscribed(positionId, txn.txnId(), now()));
                case UNKNOWN -> log.warn("position {}: subscription refused, voiding its key had an unknown outcome; recovery retries", positionId);
            }
        } else {
            log.warn("position {}: the ledger's answer to the subscription was lost; the recovery finishes it", positionId);
        }
    }


    /** FAILED and the quota given back, together or not at all; nothing if another caller ended it first. */
    private void fail(PositionDO p, ErrorCode error) {
        tx.executeWithoutResult(s -> {
            if (positions.subscribeFailed(p.getId(), error.code(), now()) == 1
                    && products.releaseLocked(p.getProductId(), p.getAmount(), now()) != 1) {
                throw new IllegalStateException("product " + p.getProductId() + " has less locked than position " + p.getId());
            }
        });
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
