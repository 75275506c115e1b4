package io.apay.ledger.api.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

/** Releases all that remains on a hold back to the owner's AVAILABLE account and resolves the hold. */
public record ReleaseHoldRequest(
        @NotNull @Pattern(regexp = Patterns.IDEMPOTENCY_KEY, message = "must be 1-128 printable characters without spaces") String idempotencyKey,
        @Size(max = 128) String bizRef,
        @Size(max = 255) @PlainText String memo) {
}
