package io.apay.otc.server.service;

import io.apay.otc.api.dto.recon.AcceptorSnapshot;
import io.apay.otc.api.dto.recon.AdSnapshot;
import io.apay.otc.api.dto.recon.OrderSnapshot;
import io.apay.otc.api.enums.AcceptorStatus;
import io.apay.otc.api.enums.AdStatus;
import io.apay.otc.api.enums.OrderStatus;
import io.apay.otc.server.dal.mapper.ReconMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Service;

/** otc's side of the cross-service reconciliation (job-svc): plain reads, keyset-paged by id. */
@Service
public class ReconSnapshotService {

    private final ReconMapper recon;

    public ReconSnapshotService(ReconMapper recon) {
        this.recon = recon;
    }

    public List<AdSnapshot> ads(long afterId, int limit) {
        return recon.ads(afterId, limit).stream().map(r -> new AdSnapshot(r.id, r.acceptorId, r.coin, AdStatus.valueOf(r.status),
                r.holdId, r.totalCoin, r.availableCoin, r.openOrderCoin, r.openOrders, instant(r.updatedAt))).toList();
    }

    public List<AcceptorSnapshot> acceptors(long afterId, int limit) {
        return recon.acceptors(afterId, limit).stream().map(r -> new AcceptorSnapshot(r.userId, AcceptorStatus.valueOf(r.status),
                r.marginCoin, r.marginAmount, r.marginHoldId, instant(r.updatedAt))).toList();
    }

    public List<OrderSnapshot> orders(Instant from, Instant to, long afterId, int limit) {
        return recon.orders(utc(from), utc(to), afterId, limit).stream().map(r -> new OrderSnapshot(r.id, r.orderNo, r.merchantNo,
                r.adId, OrderStatus.valueOf(r.status), r.coin, r.coinAmount, r.merchantCoinAmount, r.feeCoinAmount, r.settleTxnId,
                instant(r.updatedAt), instant(r.closedAt))).toList();
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
