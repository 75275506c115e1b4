package io.apay.otc.api.dto.recon;

import io.apay.otc.api.enums.AdStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An ad as the reconciliation sees it. While the ad {@link AdStatus#holdsCoin() holds coin}, its ledger hold
 * ({@code holdId}, biz ref {@code ad:<adId>}) must be OPEN with {@code remaining = availableCoin + openOrderCoin}.
 */
public record AdSnapshot(
        long adId,
        long acceptorId,
        String coin,
        AdStatus status,
        Long holdId,
        BigDecimal totalCoin,
        BigDecimal availableCoin,
        BigDecimal openOrderCoin,
        int openOrders,
        Instant updatedAt) {
}
