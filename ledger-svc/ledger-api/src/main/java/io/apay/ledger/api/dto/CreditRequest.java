package io.apay.ledger.api.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import io.apay.common.core.validation.PlainText;

/**
 * An operator credit (adjustment): {@code amount} from the platform's FUNDING account of {@code coin} to the
 * owner's AVAILABLE account. The finance role that may ask for it is enforced by the caller (admin).
 */
public record CreditRequest(
        @NotNull @Pattern(regexp = Patterns.IDEMPOTENCY_KEY, message = "must be 1-128 printable characters without spaces") String idempotencyKey,
        @NotNull @Valid OwnerRef owner,
        @NotNull @Pattern(regexp = Patterns.COIN, message = "must be an upper-case coin code like USDT") String coin,
        @NotNull @Positive BigDecimal amount,
        @Size(max = 128) String bizRef,
        @Size(max = 255) @PlainText String memo) {
}
