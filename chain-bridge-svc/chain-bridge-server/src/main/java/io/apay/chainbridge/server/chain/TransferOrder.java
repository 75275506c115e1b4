package io.apay.chainbridge.server.chain;

import java.math.BigInteger;

/** A transfer to sign: from the key {@code keyId}'s address, at {@code nonce}, paying {@code feePrice} per fee unit. */
public record TransferOrder(String keyId, String coin, String to, BigInteger units, long nonce, BigInteger feePrice) {
}
