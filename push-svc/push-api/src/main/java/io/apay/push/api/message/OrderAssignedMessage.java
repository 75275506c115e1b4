package io.apay.push.api.message;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order was given to the acceptor: its monitor should expect a credit of exactly {@code payableAmount}
 * {@code currency} on {@code channel} before {@code expiresAt}. {@code payableAmount} travels as a decimal string.
 */
public record OrderAssignedMessage(
        long acceptorId,
        String orderId,
        PaymentChannel channel,
        BigDecimal payableAmount,
        String currency,
        Instant expiresAt) {
}
