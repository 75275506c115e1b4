package io.apay.wealth.server.service.recovery;

import io.apay.wealth.api.dto.ProductBalances;
import io.apay.wealth.server.dal.mapper.ReconMapper;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * wealth's side of the cross-service reconciliation (docs/reconciliation.md): per product that ever had a position or
 * a funding, what its STAKED and REWARD_PAYABLE accounts should hold, the amounts of the intents under way by which
 * they may differ for a moment, and those intents' count and oldest start.
 */
@Service
public class WealthReconService {

    private final ReconMapper recon;

    public WealthReconService(ReconMapper recon) {
        this.recon = recon;
    }

    /**
     * One read-only transaction at REPEATABLE READ (the services' default, READ COMMITTED, gives each statement its
     * own snapshot): InnoDB's consistent read makes the four reads one snapshot, so an intent that ends between two of
     * them is neither counted twice nor missed.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<ProductBalances> products() {
        Map<Long, ReconMapper.HeldRow> held = recon.held().stream().collect(Collectors.toMap(h -> h.productId, Function.identity()));
        Map<Long, BigDecimal> calculated = recon.calculated().stream().collect(Collectors.toMap(c -> c.productId, c -> c.paid));
        Map<Long, ReconMapper.IntentRow> intents = recon.intents().stream().collect(Collectors.toMap(i -> i.productId, Function.identity()));
        return recon.products().stream().map(p -> {
            ReconMapper.HeldRow h = held.get(p.id);
            ReconMapper.IntentRow i = intents.get(p.id);
            return new ProductBalances(p.id, p.code, ProductBalances.ledgerOwnerId(p.id), p.lockCoin, p.rewardCoin,
                    plain(h == null ? null : h.principal), plain(h == null ? null : h.owed), plain(h == null ? null : h.subscribing),
                    plain(h == null ? null : h.redeemingPrincipal), plain(h == null ? null : h.redeemingRewards), plain(calculated.get(p.id)),
                    i == null ? 0 : i.intents, i == null || i.oldest == null ? null : i.oldest.toInstant(ZoneOffset.UTC));
        }).toList();
    }

    /** The columns keep 18 decimals; the reconciliation compares numbers, so trailing zeros are noise. */
    private static BigDecimal plain(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

}
