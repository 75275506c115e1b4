package io.apay.chainbridge.server.chain;

import java.math.BigInteger;

/**
 * One successful transfer in a block: {@code logIndex} is -1 for the native coin (one per transaction), the event's
 * log index for a token. Addresses are canonical; {@code units} are the coin's base units.
 */
public record ChainTransfer(String txHash, int logIndex, String coin, String from, String to, BigInteger units) {
}
