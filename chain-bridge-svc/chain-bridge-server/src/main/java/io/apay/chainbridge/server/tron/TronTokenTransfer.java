package io.apay.chainbridge.server.tron;

import java.math.BigInteger;

/**
 * One TRC-20 {@code Transfer} log of a token, as a deposit scanner sees it. {@code (txHash, logIndex)} names it
 * uniquely; {@code logIndex} is the log's position among its transaction's logs (the node gives no block-wide
 * index). {@code amount} is in the token's base units. Block hash and parent hash let the scanner notice a
 * reorganisation.
 */
public record TronTokenTransfer(String txHash, int logIndex, TronAddress token, TronAddress from, TronAddress to,
                                BigInteger amount, long blockNumber, String blockHash, String parentHash) {
}
