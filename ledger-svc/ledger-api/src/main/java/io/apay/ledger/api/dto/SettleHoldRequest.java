package io.apay.ledger.api.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;
import io.apay.ledger.api.enums.AccountKind;
import java.math.BigDecimal;

/**
 * Settles {@code amount} of a hold (all that remains when null) to the payee's AVAILABLE account, minus the fee of
 * {@code feeBizType} if given; the fee's commission share goes to {@code commissionTo} (default: the hold's owner),
 * the rest to the platform's FEE_INCOME and the rounding remainder to its ROUNDING account.
 * With {@code finalSettle} true (the default) the hold is resolved: what remains after this settlement is
 * released back to the owner's AVAILABLE account. With false, the hold stays open for further settlements.
 *
 * <p>{@code payeeKind} (default AVAILABLE) names another account kind of the payee, for a settlement that leaves the
 * platform, e.g. a withdrawal sent on chain: payee {@code PLATFORM:platform}, kind {@code WITHDRAWAL_CLEARING}
 * (never FROZEN or MARGIN: {@code 14005}). {@code flatFee}, instead of {@code feeBizType} (not both), is a fixed fee
 * in the coin, taken from what the payee receives and paid whole to the platform's FEE_INCOME (wallet-svc's
 * withdrawal network fee); it may not exceed the amount settled ({@code 14012}).
 */
public record SettleHoldRequest(
        @NotNull @Pattern(regexp = Patterns.IDEMPOTENCY_KEY, message = "must be 1-128 printable characters without spaces") String idempotencyKey,
        @Positive BigDecimal amount,
        Boolean finalSettle,
        @NotNull @Valid OwnerRef payee,
        @Pattern(regexp = Patterns.BIZ_TYPE, message = "must be an upper-case business type like OTC_PAYMENT") String feeBizType,
        @Valid OwnerRef commissionTo,
        @Size(max = 128) String bizRef,
        @Size(max = 255) @PlainText String memo,
        AccountKind payeeKind,
        @Positive BigDecimal flatFee) {

    /** A settlement to the payee's AVAILABLE account (fee by schedule, if any): the original form. */
    public SettleHoldRequest(String idempotencyKey, BigDecimal amount, Boolean finalSettle, OwnerRef payee, String feeBizType,
                             OwnerRef commissionTo, String bizRef, String memo) {
        this(idempotencyKey, amount, finalSettle, payee, feeBizType, commissionTo, bizRef, memo, null, null);
    }

    public AccountKind payeeKindOrDefault() {
        return payeeKind == null ? AccountKind.AVAILABLE : payeeKind;
    }

    public boolean isFinal() {
        return finalSettle == null || finalSettle;
    }
}
