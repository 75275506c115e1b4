package io.apay.wallet.api.dto;

import io.apay.wallet.api.enums.WithdrawalStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A withdrawal or payout. {@code ownerRef} e.g. {@code USER:1001} or {@code MERCHANT:m-42}; {@code clientRef} is the
 * owner's own number (a merchant's payoutNo, an app user's request id). {@code fee} is charged in {@code coin} on
 * top of {@code amount}. {@code failureReason} is set when FAILED or REJECTED.
 */
public record WithdrawalView(String withdrawalNo, String ownerRef, String clientRef, String network, String coin,
                             String toAddress, BigDecimal amount, BigDecimal fee, WithdrawalStatus status,
                             String txHash, String failureReason, Instant createdAt, Instant updatedAt) {
}
