package io.apay.wallet.server.controller.app.vo;

import io.apay.chainbridge.api.enums.ChainDepositStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A deposit as the chain sees it ({@code confirmations} of {@code requiredConfirmations}, SEEN, CONFIRMED or
 * ORPHANED) and whether the wallet has credited it to the owner's balance yet.
 */
public record DepositView(String network, String coin, String txHash, int logIndex, String address, BigDecimal amount,
                          int confirmations, int requiredConfirmations, ChainDepositStatus status, boolean credited,
                          Instant seenAt, Instant confirmedAt) {
}
