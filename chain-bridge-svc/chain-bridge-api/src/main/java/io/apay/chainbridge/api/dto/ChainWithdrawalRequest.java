package io.apay.chainbridge.api.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/**
 * Send {@code amount} of {@code coin} to {@code toAddress} on {@code network}. {@code withdrawalId} is the caller's
 * id (e.g. {@code wallet:w:8812}), the idempotency key of the send.
 */
public record ChainWithdrawalRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}") String withdrawalId,
        @NotNull @Pattern(regexp = "[A-Z0-9_]{2,32}") String network,
        @NotNull @Pattern(regexp = "[A-Z0-9]{2,16}") String coin,
        @NotNull @Pattern(regexp = "[A-Za-z0-9]{20,64}") String toAddress,
        @NotNull @Positive BigDecimal amount) {
}
