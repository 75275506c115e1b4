package io.apay.otc.server.service;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.LedgerApi;
import io.apay.otc.api.OtcErrorCodes;
import io.apay.otc.server.config.OtcProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which coins OTC trades: those the ledger has an OTC fee schedule for (an order in any other coin could never
 * settle). The ledger's answer is kept a few minutes per coin, so creating an order rarely asks it; a coin once
 * confirmed stays confirmed while a refresh cannot reach the ledger (only the ledger's "no" removes it).
 */
@Component
public class OtcCoins {

    private static final Duration KEEP = Duration.ofMinutes(5);

    private final LedgerApi ledger;
    private final OtcProperties props;
    private final Clock clock;
    private final Map<String, Instant> settleableUntil = new ConcurrentHashMap<>();

    public OtcCoins(LedgerApi ledger, OtcProperties props, Clock clock) {
        this.ledger = ledger;
        this.props = props;
        this.clock = clock;
    }

    /** For a new ad: the ledger must confirm the coin has an OTC fee schedule (503 if it cannot be asked). */
    public void requireSettleable(String coin) {
        if (!ask(coin)) {
            throw new ServiceException(CommonErrorCodes.SERVICE_UNAVAILABLE, "the ledger could not confirm the coin's fee schedule: try again");
        }
    }

    /**
     * For a new order: refused if the ledger says the coin has no OTC fee schedule; let through if the ledger cannot
     * be asked now (an order only lands on an ad, and ads exist only for coins that were confirmed).
     */
    public void requireSettleableIfKnown(String coin) {
        ask(coin);
    }

    /** True if confirmed (now or before), false if never and the ledger could not be asked; 16006 if it refuses the coin. */
    private boolean ask(String coin) {
        Instant until = settleableUntil.get(coin);
        if (until != null && until.isAfter(clock.instant())) {
            return true;
        }
        RemoteOutcome<?> quote = RemoteOutcome.of(() -> ledger.quoteFee(coin, props.getFeeBizType(), "1").checkedData());
        if (quote instanceof RemoteOutcome.Refused<?>) {
            settleableUntil.remove(coin);
            throw new ServiceException(OtcErrorCodes.UNSUPPORTED_CURRENCY,
                    "no OTC fee schedule for coin " + coin + ": no ads or orders in it");
        }
        if (quote instanceof RemoteOutcome.Done<?>) {
            settleableUntil.put(coin, clock.instant().plus(KEEP));
            return true;
        }
        return until != null; // the last answer was yes: keep it until the ledger can be asked again
    }
}
