package io.apay.ledger.api.dto;

import io.apay.ledger.api.enums.HoldPurpose;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import io.apay.common.core.validation.PlainText;

/** Holds (freezes) {@code amount} of the owner's AVAILABLE coin in its FROZEN (or MARGIN) account. */
public record HoldRequest(
        @NotNull @Pattern(regexp = Patterns.IDEMPOTENCY_KEY, message = "must be 1-128 printable characters without spaces") String idempotencyKey,
        @NotNull @Valid OwnerRef owner,
        @NotNull @Pattern(regexp = Patterns.COIN, message = "must be an upper-case coin code like USDT") String coin,
        @NotNull @Positive BigDecimal amount,
        @NotNull HoldPurpose purpose,
        @Size(max = 128) String bizRef,
        @Size(max = 255) @PlainText String memo) {
}
