package io.apay.wallet.api.dto.recon;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A withdrawal or payout as the reconciliation sees it, in its local state (not the owner's view):
 * HOLDING, REVIEW, SENDING, BROADCAST, SETTLING, RELEASING (then {@code ending} is FAILED or REJECTED), COMPLETED,
 * FAILED, REJECTED. Its ledger transactions have biz ref {@code withdrawal:<withdrawalNo>}: the HOLD of
 * {@code amount + fee} (key {@code withdrawal:<no>:hold}, or a VOID of that key when the hold was refused), then the
 * SETTLE ({@code amount} to the platform's WITHDRAWAL_CLEARING, {@code fee} to FEE_INCOME, key {@code :settle}) or the
 * RELEASE (key {@code :release}). chain-bridge-svc knows it under its {@code withdrawalNo}, if it was ever handed over.
 */
public record WithdrawalSnapshot(
        long id,
        String withdrawalNo,
        String ownerRef,
        String network,
        String coin,
        String toAddress,
        BigDecimal amount,
        BigDecimal fee,
        String state,
        String ending,
        Long holdId,
        String txHash,
        Instant createdAt,
        Instant updatedAt) {
}
