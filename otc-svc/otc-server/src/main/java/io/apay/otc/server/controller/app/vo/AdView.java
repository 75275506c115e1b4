package io.apay.otc.server.controller.app.vo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public record AdView(long adId, String coin, String fiatCurrency, BigDecimal rate, BigDecimal minFiat, BigDecimal maxFiat,
                     BigDecimal totalCoin, BigDecimal availableCoin, String status, String pauseReason, List<ChannelView> channels,
                     Instant createdAt) {

    public record ChannelView(String channel, String payeeName, String payeeAccount, String bankName, boolean hasQr) {
    }
}
