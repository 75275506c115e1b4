package io.apay.chainbridge.server.tron;

/**
 * A TRX transfer ({@code TransferContract}) that took effect in a block; one per transaction, so the transaction ID
 * names it. {@code amountSun} in sun (1 TRX = 1000000 sun).
 */
public record TronTrxTransfer(String txHash, TronAddress from, TronAddress to, long amountSun) {
}
