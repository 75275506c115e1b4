package io.apay.chainbridge.server.chain;

/** A mined transaction: {@code success} false when it reverted (its fee was paid, nothing moved). */
public record TxReceipt(String txHash, long blockNumber, String blockHash, boolean success) {
}
