package io.apay.ledger.server.service;

import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;

/** What never changes about an account once it exists: its id and address. Safe to cache. */
public record AccountMeta(long id, OwnerType ownerType, String ownerId, String coin, AccountKind kind) {

    public boolean allowsNegative() {
        return kind.allowsNegative();
    }

    @Override
    public String toString() {
        return "#" + id + " " + ownerType + ":" + ownerId + ":" + coin + ":" + kind;
    }
}
