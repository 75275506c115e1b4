package io.apay.wealth.server.service.accrual;

import io.apay.common.core.error.ServiceException;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.CoinView;
import io.apay.wealth.api.WealthErrorCodes;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The scale (decimals) of each coin, as the ledger keeps it ({@code GET /rpc-api/ledger/coins}), read once and kept:
 * a coin's scale never changes once it has amounts. A coin not in the cache makes one more read (a coin added since).
 */
@Component
public class CoinScales {

    private final LedgerApi ledger;
    private volatile Map<String, Integer> scales = Map.of();

    public CoinScales(LedgerApi ledger) {
        this.ledger = ledger;
    }

    /** The coin's scale; 18018 if the ledger does not keep it, 18021 if the ledger cannot be asked now. */
    public int scale(String coin) {
        Integer s = scales.get(coin);
        if (s == null) {
            RemoteOutcome<List<CoinView>> read = RemoteOutcome.of(() -> ledger.coins().checkedData());
            if (!(read instanceof RemoteOutcome.Done<List<CoinView>> done)) {
                throw new ServiceException(WealthErrorCodes.DEPENDENCY_UNAVAILABLE);
            }
            scales = done.value().stream().collect(Collectors.toUnmodifiableMap(CoinView::code, CoinView::scale));
            s = scales.get(coin);
        }
        if (s == null) {
            throw new ServiceException(WealthErrorCodes.COIN_UNKNOWN);
        }
        return s;
    }
}
