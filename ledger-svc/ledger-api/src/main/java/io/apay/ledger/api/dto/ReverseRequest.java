package io.apay.ledger.api.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

/** Reverses a TRANSFER or CREDIT with a compensating transaction (its exact negation); nothing is deleted. */
public record ReverseRequest(
        @NotNull @Pattern(regexp = Patterns.IDEMPOTENCY_KEY, message = "must be 1-128 printable characters without spaces") String idempotencyKey,
        @Size(max = 128) String bizRef,
        @Size(max = 255) @PlainText String memo) {
}
