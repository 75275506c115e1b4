package io.apay.ledger.api.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import io.apay.common.core.validation.PlainText;

/**
 * Settles {@code amount} of a hold (all that remains when null) to the payee's AVAILABLE account, minus the fee of
 * {@code feeBizType} if given; the fee's commission share goes to {@code commissionTo} (default: the hold's owner),
 * the rest to the platform's FEE_INCOME and the rounding remainder to its ROUNDING account.
 * With {@code finalSettle} true (the default) the hold is resolved: what remains after this settlement is
 * released back to the owner's AVAILABLE account. With false, the hold stays open for further settlements.
 */
public record SettleHoldRequest(
        @NotNull @Pattern(regexp = Patterns.IDEMPOTENCY_KEY, message = "must be 1-128 printable characters without spaces") String idempotencyKey,
        @Positive BigDecimal amount,
        Boolean finalSettle,
        @NotNull @Valid OwnerRef payee,
        @Pattern(regexp = Patterns.BIZ_TYPE, message = "must be an upper-case business type like OTC_PAYMENT") String feeBizType,
        @Valid OwnerRef commissionTo,
        @Size(max = 128) String bizRef,
        @Size(max = 255) @PlainText String memo) {

    public boolean isFinal() {
        return finalSettle == null || finalSettle;
    }
}
