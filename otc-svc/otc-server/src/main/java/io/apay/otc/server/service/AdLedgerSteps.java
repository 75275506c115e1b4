package io.apay.otc.server.service;

import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.KeyVoids;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.HoldRequest;
import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.otc.api.enums.AdStatus;
import io.apay.otc.server.dal.dataobject.AdDO;
import io.apay.otc.server.dal.mapper.AdMapper;
import java.time.Clock;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * An ad's two ledger steps, written as THE cross-service pattern (docs/development.md) - copy this class:
 * <ol>
 *   <li><b>Durable intent</b>: the ad is stored OPENING (or moved to CLOSING) and committed BEFORE the ledger is
 *       called; the idempotency key is derived from the ad's id ({@code ad:<id>:hold}, {@code ad:<id>:release}).</li>
 *   <li><b>Idempotent remote call</b>: the ledger applies a key once; a repeat answers the same transaction.</li>
 *   <li><b>Conditional completion</b>: {@code OPENING -> ACTIVE} / {@code CLOSING -> CLOSED}, one UPDATE with one
 *       from state. A refusal ends the intent the other way ({@code OPENING -> FAILED}) once the key is voided in the
 *       ledger ({@link KeyVoids}: no earlier attempt can be applied after that); an unknown outcome leaves the
 *       intent for ...</li>
 *   <li><b>... the recovery job</b> ({@link IntentRecovery}), which calls {@link #open}/{@link #finishClosing} again
 *       for every intent older than {@code apay.otc.recover-after}. Nothing is compensated in a catch block.</li>
 * </ol>
 */
@Service
public class AdLedgerSteps {

    private static final Logger log = LoggerFactory.getLogger(AdLedgerSteps.class);

    private final AdMapper ads;
    private final LedgerApi ledger;
    private final HoldRelease holds;
    private final KeyVoids voids;
    private final Clock clock;

    public AdLedgerSteps(AdMapper ads, LedgerApi ledger, HoldRelease holds, KeyVoids voids, Clock clock) {
        this.ads = ads;
        this.ledger = ledger;
        this.holds = holds;
        this.voids = voids;
        this.clock = clock;
    }

    /**
     * Holds an OPENING ad's coin and makes it ACTIVE. A refusal (not enough coin) makes it FAILED, once its key is
     * voided, and is thrown to the caller as otc's own error; an unknown outcome leaves it OPENING for the recovery job.
     */
    public void open(long adId) {
        AdDO ad = ads.selectById(adId);
        if (!AdStatus.OPENING.name().equals(ad.getStatus())) {
            return;
        }
        ads.markAttempt(adId, AdStatus.OPENING.name(), now());
        String key = "ad:" + adId + ":hold";
        RemoteOutcome<TransactionView> held = RemoteOutcome.of(() -> ledger.hold(new HoldRequest(key,
                OwnerRef.of(OwnerType.ACCEPTOR, Long.toString(ad.getAcceptorId())), ad.getCoin(), ad.getTotalCoin(),
                HoldPurpose.FREEZE, "ad:" + adId, "coin offered by ad " + adId)).checkedData());
        if (held instanceof RemoteOutcome.Done<TransactionView> done) {
            ads.activate(adId, done.value().holdId(), now());
        } else if (held instanceof RemoteOutcome.Refused<TransactionView> refused) {
            // end it the other way only once no earlier attempt can still be applied: void the key first
            switch (voids.voidKey(key, "ad:" + adId, "ad " + adId + " not opened")) {
                case VOIDED -> {
                    ads.transition(adId, AdStatus.OPENING.name(), AdStatus.FAILED.name(), "LEDGER_" + refused.error().code(), now());
                    throw LedgerRefusals.toOtc(refused.error());
                }
                case USED -> voids.used(key).ifPresent(hold -> ads.activate(adId, hold.holdId(), now())); // an earlier attempt held it
                case UNKNOWN -> log.warn("ad {}: its hold was refused, voiding the key had an unknown outcome; the recovery job retries", adId);
            }
        } else {
            log.warn("ad {}: holding its coin had an unknown outcome; the recovery job finishes it", adId);
        }
    }

    /** Releases what remains of a CLOSING ad's hold and makes it CLOSED; an unknown outcome leaves it CLOSING. */
    public void finishClosing(long adId) {
        AdDO ad = ads.selectById(adId);
        if (!AdStatus.CLOSING.name().equals(ad.getStatus())) {
            return;
        }
        ads.markAttempt(adId, AdStatus.CLOSING.name(), now());
        switch (holds.release(ad.getHoldId(), "ad:" + adId + ":release", "ad:" + adId, "ad " + adId + " closed")) {
            case ENDED -> ads.closed(adId, now()); // released now, or nothing was left: every coin of it was sold
            case REFUSED -> log.error("ad {}: the ledger refused to release its hold {}; it stays CLOSING", adId, ad.getHoldId());
            case UNKNOWN -> log.warn("ad {}: releasing its hold had an unknown outcome; the recovery job finishes it", adId);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
