package io.apay.merchant.controller.admin.vo;

import io.apay.merchant.service.callback.CallbackService;
import java.time.Instant;
import java.util.List;

/**
 * One delivery as {@link CallbackRow}, plus the exact body sent ({@code payload}) and every attempt; the number of
 * attempts taken is {@code attemptCount} here, because {@code attempts} is the attempt log.
 */
public record CallbackDetail(long id, String notifyId, String merchantNo, String orderNo, String payoutNo, String eventType,
                             String notifyUrl, String status, int attemptCount, Instant nextAttemptAt, Instant deliveredAt,
                             Instant createdAt, Integer lastHttpStatus, String lastError, Instant lastAttemptAt, String payload,
                             List<CallbackService.Attempt> attempts) {
}
