package io.apay.wallet.server.service;

import io.apay.wallet.api.dto.recon.DepositSnapshot;
import io.apay.wallet.api.dto.recon.WithdrawalSnapshot;
import io.apay.wallet.server.config.WalletProperties;
import io.apay.wallet.server.dal.mapper.ReconMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Service;

/** wallet's side of the cross-service reconciliation (job-svc): plain reads, keyset-paged by id. */
@Service
public class ReconSnapshotService {

    private final ReconMapper recon;
    private final WalletProperties props;

    public ReconSnapshotService(ReconMapper recon, WalletProperties props) {
        this.recon = recon;
        this.props = props;
    }

    public List<DepositSnapshot> deposits(Instant from, Instant to, long afterId, int limit) {
        return recon.deposits(utc(from), utc(to), afterId, limit).stream().map(r -> new DepositSnapshot(r.id, r.chainDepositId, r.network,
                r.coin, r.txHash, r.logIndex, r.address, r.ownerRef, plain(r.amount), r.status, r.creditTxnId, r.lastError,
                instant(r.createdAt), instant(r.updatedAt), plain(r.chainAmount), creditScale(r.coin))).toList();
    }

    /** The scale the wallet credits the coin at (DepositService), null for a coin it does not support. */
    private Integer creditScale(String coin) {
        WalletProperties.CoinRule rule = props.getCoins().get(coin);
        return rule == null ? null : rule.getScale();
    }

    public List<WithdrawalSnapshot> withdrawals(Instant from, Instant to, long afterId, int limit) {
        return recon.withdrawals(utc(from), utc(to), afterId, limit).stream().map(r -> new WithdrawalSnapshot(r.id, r.withdrawalNo,
                r.ownerRef, r.network, r.coin, r.toAddress, plain(r.amount), plain(r.fee), r.status, r.ending, r.holdId, r.txHash,
                instant(r.createdAt), instant(r.updatedAt))).toList();
    }

    /** The column keeps 18 decimals; the reconciliation compares numbers, so the trailing zeros are noise. */
    private static BigDecimal plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros();
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
