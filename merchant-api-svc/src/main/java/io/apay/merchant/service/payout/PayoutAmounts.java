package io.apay.merchant.service.payout;

import java.math.BigDecimal;

/** A payout amount in one spelling: without trailing zeros, never an exponent. */
final class PayoutAmounts {

    private PayoutAmounts() {
    }

    /**
     * "100.50", "100.5" and the stored "100.500000000000000000" are all "100.5": the wallet is always sent the same
     * amount for a payout number (its idempotency compares payloads), whether from the request or the recovery.
     */
    static BigDecimal plain(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
