package io.apay.chainbridge.server.chain;

import java.math.BigInteger;

/**
 * A transfer to sign: from the key {@code keyId}'s address, at {@code nonce}, paying {@code feePrice} per fee unit;
 * {@code reference} what it refers to on chain ({@link ChainAdapter#signingReference()}, read beforehand), null if the
 * family needs none or the adapter is to read it itself.
 */
public record TransferOrder(String keyId, String coin, String to, BigInteger units, long nonce, BigInteger feePrice,
                            SigningReference reference) {

    public TransferOrder(String keyId, String coin, String to, BigInteger units, long nonce, BigInteger feePrice) {
        this(keyId, coin, to, units, nonce, feePrice, null);
    }
}
