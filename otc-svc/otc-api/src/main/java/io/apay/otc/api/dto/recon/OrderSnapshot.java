package io.apay.otc.api.dto.recon;

import io.apay.otc.api.enums.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the reconciliation sees it. Its settlement in the ledger is the SETTLE transaction with biz ref
 * {@code order:<orderNo>} (key {@code order:<orderNo>:settle}): exactly one for a COMPLETED order, moving
 * {@code coinAmount} out of the ad's hold with {@code merchantCoinAmount} to the merchant; none for any other
 * ended order. An ended order has had its callback event ({@code ORDER_<status>}) recorded by merchant-api-svc.
 */
public record OrderSnapshot(
        long id,
        String orderNo,
        String merchantNo,
        long adId,
        OrderStatus status,
        String coin,
        BigDecimal coinAmount,
        BigDecimal merchantCoinAmount,
        BigDecimal feeCoinAmount,
        Long settleTxnId,
        Instant updatedAt,
        Instant closedAt) {
}
