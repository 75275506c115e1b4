package io.apay.chainbridge.server.tron;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * secp256k1 signatures over a transaction ID, in the 65-byte form a TRON node verifies: r (32) ‖ s (32) ‖ v (1).
 * v is the recovery id plus 27, as tronweb writes it ({@code ECKeySign}); a node also accepts the bare recovery id
 * (0/1, as Trust Wallet Core writes it), so both are read. Signing is deterministic (RFC 6979) with a low s.
 */
public final class TronSignatures {

    public static final int SIGNATURE_LENGTH = 65;
    private static final int TX_ID_LENGTH = 32;

    private TronSignatures() {
    }

    /** Signs the 32-byte transaction ID itself (it is already a SHA-256; it is not hashed again). */
    public static byte[] sign(byte[] txId, ECKeyPair key) {
        requireTxId(txId);
        Sign.SignatureData signature = Sign.signMessage(txId, key, false);
        byte[] out = new byte[SIGNATURE_LENGTH];
        System.arraycopy(signature.getR(), 0, out, 0, 32);
        System.arraycopy(signature.getS(), 0, out, 32, 32);
        out[64] = signature.getV()[0];
        return out;
    }

    /** The address whose key made this signature over this transaction ID. */
    public static TronAddress recoverSigner(byte[] txId, byte[] signature) {
        requireTxId(txId);
        if (signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("a TRON signature is 65 bytes (r ‖ s ‖ v), not " + signature.length);
        }
        int v = signature[64] & 0xFF;
        byte normalizedV = (byte) (v < 27 ? v + 27 : v);
        if (normalizedV != 27 && normalizedV != 28) {
            throw new IllegalArgumentException("v must be 0, 1, 27 or 28, not " + v);
        }
        Sign.SignatureData data = new Sign.SignatureData(normalizedV, Arrays.copyOfRange(signature, 0, 32),
                Arrays.copyOfRange(signature, 32, 64));
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(txId, data);
            return TronAddress.fromPublicKey(publicKey);
        } catch (SignatureException e) {
            throw new IllegalArgumentException("the signature does not recover to a public key", e);
        }
    }

    private static void requireTxId(byte[] txId) {
        if (txId.length != TX_ID_LENGTH) {
            throw new IllegalArgumentException("a transaction ID is 32 bytes, not " + txId.length);
        }
    }
}
