package io.apay.merchant.controller.admin.vo;

import java.time.Instant;

/**
 * One callback delivery in the operators' log, with its latest attempt's outcome ({@code last*}, absent before the
 * first). {@code orderNo} or {@code payoutNo} names what it is about (neither for a TEST callback).
 */
public record CallbackRow(long id, String notifyId, String merchantNo, String orderNo, String payoutNo, String eventType,
                          String notifyUrl, String status, int attempts, Instant nextAttemptAt, Instant deliveredAt,
                          Instant createdAt, Integer lastHttpStatus, String lastError, Instant lastAttemptAt) {
}
