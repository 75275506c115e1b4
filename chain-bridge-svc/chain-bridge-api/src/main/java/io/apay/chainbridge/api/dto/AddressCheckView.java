package io.apay.chainbridge.api.dto;

/**
 * A valid address and its canonical spelling (EVM: EIP-55 checksum case; TRON: base58check). {@code platformAddress}:
 * it is one of this platform's own addresses on the network (a deposit address or the hot wallet). Coin sent there
 * from the hot wallet is never credited to anyone (the scanner skips the hot wallet's transfers, which are sweep gas
 * top-ups, and the next sweep takes it), so a caller must not withdraw to it: an internal transfer is the way.
 */
public record AddressCheckView(String network, String address, boolean platformAddress) {
}
