package io.apay.ledger.api.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/** One movement: {@code amount} of the accounts' coin from {@code from} to {@code to} (same coin on both). */
public record TransferLeg(
        @NotNull @Valid AccountRef from,
        @NotNull @Valid AccountRef to,
        @NotNull @Positive BigDecimal amount) {
}
