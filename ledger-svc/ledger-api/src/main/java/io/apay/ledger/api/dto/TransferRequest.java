package io.apay.ledger.api.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import io.apay.common.core.validation.PlainText;

/**
 * A multi-leg transfer, applied all or nothing. With {@code feeBizType}, the fee of that business type (from the
 * fee schedule of the first leg's coin) is taken from what the first leg's recipient receives; with
 * {@code commissionTo}, that owner's AVAILABLE account receives the commission share of the fee.
 */
public record TransferRequest(
        @NotNull @Pattern(regexp = Patterns.IDEMPOTENCY_KEY, message = "must be 1-128 printable characters without spaces") String idempotencyKey,
        @Size(max = 128) String bizRef,
        @Size(max = 255) @PlainText String memo,
        @NotEmpty @Size(max = 16) List<@NotNull @Valid TransferLeg> legs,
        @Pattern(regexp = Patterns.BIZ_TYPE, message = "must be an upper-case business type like OTC_PAYMENT") String feeBizType,
        @Valid OwnerRef commissionTo) {
}
