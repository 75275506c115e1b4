package io.apay.ledger.api.dto;

import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import java.math.BigDecimal;

/** The balance of one account. */
public record BalanceView(
        long accountId,
        OwnerType ownerType,
        String ownerId,
        String coin,
        AccountKind kind,
        BigDecimal balance) {
}
