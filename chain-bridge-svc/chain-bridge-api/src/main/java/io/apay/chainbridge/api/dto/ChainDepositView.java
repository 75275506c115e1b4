package io.apay.chainbridge.api.dto;

import io.apay.chainbridge.api.enums.ChainDepositStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A transfer into a watched address. Unique on (network, txHash, logIndex): {@link #depositKey()} is the
 * idempotency key wallet-svc credits it under, so nothing is credited twice. {@code logIndex} is -1 for a native
 * coin transfer. {@code amount} is in coin units at the token's decimals. {@code id} is given when the deposit is
 * first seen; {@code confirmSeq} when it becomes CONFIRMED (null before): the order deposits confirmed in, which
 * {@link io.apay.chainbridge.api.ChainBridgeApi#confirmedDeposits} pages by.
 */
public record ChainDepositView(long id, String network, String coin, String txHash, int logIndex, String address,
                               String ownerRef, BigDecimal amount, long blockNumber, String blockHash,
                               int confirmations, int requiredConfirmations, ChainDepositStatus status,
                               Instant seenAt, Instant confirmedAt, Long confirmSeq) {

    public String depositKey() {
        return "deposit:" + network + ":" + txHash + ":" + logIndex;
    }
}
