package io.apay.ledger.api.dto;

import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import java.math.BigDecimal;

/** One posting of a transaction: a signed amount on one account and that account's balance after it. */
public record PostingView(
        long accountId,
        OwnerType ownerType,
        String ownerId,
        String coin,
        AccountKind kind,
        BigDecimal amount,
        BigDecimal balanceAfter) {
}
