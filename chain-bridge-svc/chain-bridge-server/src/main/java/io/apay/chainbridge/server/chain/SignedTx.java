package io.apay.chainbridge.server.chain;

/** A signed transaction: its hash and the raw bytes (hex) sent to the node. Public data, not a secret. */
public record SignedTx(String hash, String raw) {
}
