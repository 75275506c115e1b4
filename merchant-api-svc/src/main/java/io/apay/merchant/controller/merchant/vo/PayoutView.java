package io.apay.merchant.controller.merchant.vo;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payout as the merchant sees it. {@code status}: REQUESTING (being handed to the wallet), HOLDING, REVIEW,
 * SENDING, BROADCAST, then COMPLETED, FAILED or REJECTED; or REFUSED with {@code refusalCode} (nothing was held).
 * {@code fee} is charged in {@code coin} on top of {@code amount}.
 */
public record PayoutView(String payoutNo, String withdrawalNo, String status, String network, String coin, String toAddress,
                         BigDecimal amount, BigDecimal fee, String txHash, String failureReason, Integer refusalCode,
                         Instant createdAt, Instant updatedAt, Instant finishedAt) {
}
