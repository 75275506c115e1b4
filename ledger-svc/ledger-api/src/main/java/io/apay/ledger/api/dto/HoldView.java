package io.apay.ledger.api.dto;

import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.OwnerType;
import java.math.BigDecimal;
import java.time.Instant;

/** A hold: how much was held, how much is still held, settled and released, and its status. */
public record HoldView(
        long holdId,
        OwnerType ownerType,
        String ownerId,
        String coin,
        HoldPurpose purpose,
        HoldStatus status,
        BigDecimal amount,
        BigDecimal remaining,
        BigDecimal settled,
        BigDecimal released,
        long createdTxnId,
        String bizRef,
        Instant createdAt,
        Instant updatedAt) {
}
