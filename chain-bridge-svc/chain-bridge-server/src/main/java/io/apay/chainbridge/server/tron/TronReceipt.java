package io.apay.chainbridge.server.tron;

/**
 * The outcome of a transaction that is in a block ({@code /wallet/gettransactioninfobyid}).
 *
 * @param success        whether it took effect; a TRC-20 transfer that reverted or ran out of energy is in a block
 *                       (and paid its fee) but moved nothing
 * @param result         the node's word for it: {@code receipt.result} for a contract call (SUCCESS, REVERT,
 *                       OUT_OF_ENERGY, ...), SUCCESS for a plain TRX transfer (which has none)
 * @param feeSun         TRX burnt for it, in sun
 * @param failureMessage the node's reason when it failed ({@code resMessage}, decoded), else empty
 */
public record TronReceipt(String txId, long blockNumber, long blockTimestampMillis, boolean success, String result,
                          long feeSun, String failureMessage) {
}
