package io.apay.wealth.server.service.product;

import io.apay.common.core.error.ServiceException;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.CoinView;
import io.apay.wealth.api.WealthErrorCodes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The coins the ledger keeps and their scales ({@code GET /rpc-api/ledger/coins}), cached: coins change rarely. A
 * coin not in the cache makes it read again, at most once per {@link #REFRESH_AFTER_MISS_NANOS}, so a stream of
 * requests naming unknown coins costs the ledger one call per period.
 */
@Component
public class LedgerCoins {

    private static final Logger log = LoggerFactory.getLogger(LedgerCoins.class);
    private static final long REFRESH_AFTER_MISS_NANOS = 5_000_000_000L;

    private final LedgerApi ledger;
    private volatile Map<String, Integer> scales = Map.of();
    private long fetchedAtNanos;

    public LedgerCoins(LedgerApi ledger) {
        this.ledger = ledger;
    }

    /**
     * The coin's scale. A coin the ledger does not keep is {@link WealthErrorCodes#COIN_UNKNOWN}; a ledger that does
     * not answer while nothing is cached is {@link WealthErrorCodes#DEPENDENCY_UNAVAILABLE}.
     */
    public int scale(String coin) {
        Integer scale = scales.get(coin);
        if (scale == null) {
            refresh();
            scale = scales.get(coin);
        }
        if (scale == null) {
            throw new ServiceException(WealthErrorCodes.COIN_UNKNOWN);
        }
        return scale;
    }

    /** An amount of the coin shown at its scale (stored amounts never have more decimals; DOWN never overstates). */
    public BigDecimal atScale(String coin, BigDecimal amount) {
        return amount == null ? null : amount.setScale(scale(coin), RoundingMode.DOWN);
    }

    private synchronized void refresh() {
        if (!scales.isEmpty() && System.nanoTime() - fetchedAtNanos < REFRESH_AFTER_MISS_NANOS) {
            return;
        }
        RemoteOutcome<List<CoinView>> coins = RemoteOutcome.of(() -> ledger.coins().checkedData());
        if (coins instanceof RemoteOutcome.Done<List<CoinView>> done) {
            scales = done.value().stream().collect(Collectors.toUnmodifiableMap(CoinView::code, CoinView::scale));
            fetchedAtNanos = System.nanoTime();
        } else if (scales.isEmpty()) {
            log.warn("the ledger's coins could not be read: {}", coins);
            throw new ServiceException(WealthErrorCodes.DEPENDENCY_UNAVAILABLE);
        }
    }
}
