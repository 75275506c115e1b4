package io.apay.wealth.server.controller.admin.vo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One product's accrual of one day, as operators see it: {@code positions} that earned, their {@code principal} (the
 * lock coin, at its scale), the product's {@code gross} for the day, {@code paid} to the positions (Σ of each one's
 * reward) and the {@code rounding} (gross − paid), in the reward coin at its scale. {@code txnId} is the ledger
 * transaction of a POSTED run (absent when the gross was 0: nothing to move); {@code failureCode} the ledger's
 * refusal of a VOIDED one (14001: the pool could not pay).
 */
public record AccrualRunView(long id, LocalDate day, String status, int positions, BigDecimal principal, BigDecimal gross,
                             BigDecimal paid, BigDecimal rounding, Long txnId, Integer failureCode, Instant createdAt,
                             Instant updatedAt) {
}
