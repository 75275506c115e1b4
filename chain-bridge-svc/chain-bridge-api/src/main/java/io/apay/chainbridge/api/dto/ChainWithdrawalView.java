package io.apay.chainbridge.api.dto;

import io.apay.chainbridge.api.enums.ChainWithdrawalStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An outgoing transfer. {@code txHash} is the hash of the transaction that counts (after a fee replacement, the
 * replacement's); {@code failureReason} is set when FAILED (e.g. {@code reverted}).
 */
public record ChainWithdrawalView(String withdrawalId, String network, String coin, String toAddress, BigDecimal amount,
                                  ChainWithdrawalStatus status, String txHash, Long blockNumber, int confirmations,
                                  String failureReason, Instant createdAt, Instant updatedAt) {
}
