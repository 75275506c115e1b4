package io.apay.push.api.event;

import io.apay.push.api.message.PaymentChannel;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * An acceptor's monitor saw an incoming fiat payment and reported it with a valid device signature. Published once
 * per {@code (deviceId, notificationId)}: a report the phone sends again is acknowledged but not published again.
 * {@code amount} is the credited fiat amount exactly as reported (a decimal string in JSON); otc-svc matches it to
 * the acceptor's open order with that payable amount.
 */
public record PaymentReceivedEvent(
        String reportId,
        long acceptorId,
        String deviceId,
        String notificationId,
        PaymentChannel channel,
        BigDecimal amount,
        String currency,
        String payerRemark,
        Instant paidAt,
        Instant receivedAt,
        long epoch) {
}
