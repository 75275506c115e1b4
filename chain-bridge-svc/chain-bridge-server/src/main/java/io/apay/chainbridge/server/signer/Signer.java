package io.apay.chainbridge.server.signer;

/**
 * Signs with keys it keeps, named by key id; a KMS or HSM implements the same two calls. secp256k1 keys (EVM and
 * TRON both use them). A key id may name a child of an extended private key ({@code <id>/0/17}) when the signer keeps
 * one (sweeping deposit addresses); the database never holds a private key.
 */
public interface Signer {

    /** The key's public key: 64 bytes, uncompressed, without the 0x04 prefix. */
    byte[] publicKey(String keyId);

    /** A recoverable signature of a 32-byte hash. */
    Signature sign(String keyId, byte[] hash);

    /** {@code recoveryId} is 0 or 1 (EVM's v is derived from it). */
    record Signature(byte[] r, byte[] s, int recoveryId) {
    }
}
