package io.apay.ledger.api.dto;

import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The address of an account: (ownerType, ownerId, coin, kind). An account is created the first time it is
 * used, so callers never create accounts themselves.
 */
public record AccountRef(
        @NotNull OwnerType ownerType,
        @NotNull @Pattern(regexp = Patterns.OWNER_ID, message = "must be 1-64 of A-Z a-z 0-9 . _ : -") String ownerId,
        @NotNull @Pattern(regexp = Patterns.COIN, message = "must be an upper-case coin code like USDT") String coin,
        @NotNull AccountKind kind) {

    /** The owner id of every platform account. */
    public static final String PLATFORM_OWNER_ID = "platform";

    public static AccountRef of(OwnerType ownerType, String ownerId, String coin, AccountKind kind) {
        return new AccountRef(ownerType, ownerId, coin, kind);
    }

    public static AccountRef platform(String coin, AccountKind kind) {
        return new AccountRef(OwnerType.PLATFORM, PLATFORM_OWNER_ID, coin, kind);
    }

    @Override
    public String toString() {
        return ownerType + ":" + ownerId + ":" + coin + ":" + kind;
    }
}
