package io.apay.ledger.server.service;

import io.apay.common.core.error.ServiceException;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.CoinView;
import io.apay.ledger.server.dal.dataobject.CoinDO;
import io.apay.ledger.server.dal.mapper.CoinMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The coins the ledger keeps and their scales, read from {@code ledger_coin} and kept in memory. A code not
 * known yet makes it read the table again (at most every few seconds), so a coin added by migration or by an
 * operator is picked up without a restart.
 */
@Component
public class CoinRegistry {

    private static final long RELOAD_INTERVAL_NANOS = 5_000_000_000L;

    private final CoinMapper coinMapper;
    private volatile Map<String, CoinDO> coins = Map.of();
    private volatile long loadedAt;

    public CoinRegistry(CoinMapper coinMapper) {
        this.coinMapper = coinMapper;
    }

    /** The scale of an enabled coin, or UNKNOWN_COIN. */
    public int scale(String code) {
        CoinDO coin = coins.get(code);
        if (coin == null && System.nanoTime() - loadedAt > RELOAD_INTERVAL_NANOS) {
            reload();
            coin = coins.get(code);
        }
        if (coin == null || !Boolean.TRUE.equals(coin.getEnabled())) {
            throw new ServiceException(LedgerErrorCodes.UNKNOWN_COIN, "unknown or disabled coin: " + code);
        }
        return coin.getScale();
    }

    /** An amount as the API shows it: exactly the coin's scale (ledger amounts never have more decimals). */
    public BigDecimal display(String code, BigDecimal amount) {
        return amount.setScale(scale(code), RoundingMode.UNNECESSARY);
    }

    public List<CoinView> list() {
        reload();
        return coins.values().stream().filter(c -> Boolean.TRUE.equals(c.getEnabled()))
                .sorted(Comparator.comparing(CoinDO::getCode))
                .map(c -> new CoinView(c.getCode(), c.getScale())).toList();
    }

    private synchronized void reload() {
        coins = coinMapper.selectList(null).stream().collect(Collectors.toUnmodifiableMap(CoinDO::getCode, Function.identity()));
        loadedAt = System.nanoTime();
    }
}
