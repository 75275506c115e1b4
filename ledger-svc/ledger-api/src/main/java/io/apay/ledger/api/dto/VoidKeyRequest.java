package io.apay.ledger.api.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

/**
 * Claims {@code idempotencyKey} without moving money: the ledger records it as a VOID transaction with no postings,
 * so no later request can use the key ({@code 14030}); the same void again answers the same transaction. If the key
 * was already used by another request, the void is refused with {@code 14030}: ask
 * {@code getTransactionByKey} what it was. See docs/ledger.md, "Voiding a key".
 */
public record VoidKeyRequest(
        @NotNull @Pattern(regexp = Patterns.IDEMPOTENCY_KEY, message = "must be 1-128 printable characters without spaces") String idempotencyKey,
        @Size(max = 128) String bizRef,
        @Size(max = 255) @PlainText String memo) {
}
