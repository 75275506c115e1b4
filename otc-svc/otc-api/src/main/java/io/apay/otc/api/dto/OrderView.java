package io.apay.otc.api.dto;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment order as a merchant sees it. {@code payableAmount} is what the buyer must pay, to the cent;
 * {@code coinAmount} is what the order is worth in coin and {@code merchantCoinAmount} what the merchant receives
 * after the fee (known once completed). Amounts travel as decimal strings.
 */
public record OrderView(
        String orderNo,
        String merchantNo,
        String merchantOrderNo,
        String status,
        String fiatCurrency,
        BigDecimal fiatAmount,
        BigDecimal payableAmount,
        String coin,
        BigDecimal coinAmount,
        BigDecimal rate,
        String channel,
        BigDecimal merchantCoinAmount,
        BigDecimal feeCoinAmount,
        String cashierUrl,
        String returnUrl,
        Instant expiresAt,
        Instant createdAt,
        Instant paidAt,
        Instant completedAt,
        Instant closedAt) {
}
