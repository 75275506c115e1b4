package io.apay.otc.api.dto.recon;

import io.apay.otc.api.enums.AcceptorStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An acceptor as the reconciliation sees it. While it {@link AcceptorStatus#holdsMargin() holds its margin}, the
 * MARGIN hold {@code marginHoldId} (biz ref {@code acceptor:<userId>}) must be OPEN with {@code marginAmount}.
 */
public record AcceptorSnapshot(
        long userId,
        AcceptorStatus status,
        String marginCoin,
        BigDecimal marginAmount,
        Long marginHoldId,
        Instant updatedAt) {
}
