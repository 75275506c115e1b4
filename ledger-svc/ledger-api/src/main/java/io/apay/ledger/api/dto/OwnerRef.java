package io.apay.ledger.api.dto;

import io.apay.ledger.api.enums.OwnerType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An owner (user, acceptor, merchant); the coin and kind of the account follow from the operation. */
public record OwnerRef(
        @NotNull OwnerType ownerType,
        @NotNull @Pattern(regexp = Patterns.OWNER_ID, message = "must be 1-64 of A-Z a-z 0-9 . _ : -") String ownerId) {

    public static OwnerRef of(OwnerType ownerType, String ownerId) {
        return new OwnerRef(ownerType, ownerId);
    }
}
