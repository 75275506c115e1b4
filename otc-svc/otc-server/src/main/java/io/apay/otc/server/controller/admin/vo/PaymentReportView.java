package io.apay.otc.server.controller.admin.vo;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment a monitor reported, as operators see it. {@code status}: MATCHED (it paid {@code orderNo}), UNMATCHED
 * (kept for review; {@code unmatchedReason} ORDER_CLOSED for a late payment of {@code orderNo}, which expired or was
 * cancelled; ORDER_NOT_OPEN when {@code orderNo} holding that amount was already paid or under appeal;
 * OUTSIDE_ORDER_LIFE when the open {@code orderNo} holds that amount but the buyer paid outside its life; NO_OPEN_ORDER
 * for a short, over or unknown payment; the rules: docs/otc-order.md, "Matching a payment") or REVIEWED ({@code reviewNote} says what was done with the money).
 */
public record PaymentReportView(String reportId, long acceptorId, String deviceId, String notificationId, String channel,
                                String fiatCurrency, BigDecimal amount, String payerRemark, Instant paidAt, String status,
                                String unmatchedReason, String orderNo, String reviewNote, Long reviewedBy, Instant createdAt) {
}
