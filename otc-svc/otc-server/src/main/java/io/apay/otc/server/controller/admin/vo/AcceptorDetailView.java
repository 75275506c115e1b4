package io.apay.otc.server.controller.admin.vo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One acceptor as operators see it: status, presence ({@code online} since {@code presenceAt}), margin, review, an
 * operator's pause ({@code operatorPaused}: none of its ads is matched until an operator resumes it), and its ads,
 * newest first ({@code pauseReason}: BY_ACCEPTOR, BY_OPERATOR, EXHAUSTED or ACCEPTOR_OFFLINE).
 */
public record AcceptorDetailView(long userId, String displayName, String status, boolean canListAds, boolean online,
                                 Instant presenceAt, String marginCoin, BigDecimal marginAmount, Long marginHoldId,
                                 Instant appliedAt, Long reviewedBy, Instant reviewedAt, String reviewReason, Instant leftAt,
                                 boolean operatorPaused, Instant operatorPausedAt, Long operatorPausedBy, int activeAds,
                                 List<Ad> ads) {

    public record Ad(long id, String coin, String fiatCurrency, BigDecimal rate, BigDecimal minFiat, BigDecimal maxFiat,
                     BigDecimal totalCoin, BigDecimal availableCoin, String status, String pauseReason, List<Channel> channels,
                     Instant createdAt) {
    }

    public record Channel(String channel, String payeeName, String payeeAccount, String bankName) {
    }
}
