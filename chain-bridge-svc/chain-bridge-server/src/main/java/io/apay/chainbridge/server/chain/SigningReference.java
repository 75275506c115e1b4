package io.apay.chainbridge.server.chain;

/**
 * What a transaction signed now refers to, read from the node before the signing transaction (so no remote call is
 * made while the sender's nonce row is locked): TRON's reference block (its ID and time; the transaction expires a
 * lifetime after it). A family that needs none has no reference (null).
 */
public record SigningReference(String blockId, long timestampMillis) {
}
