package io.apay.chainbridge.api.dto;

/** {@code path} is the derivation path below the network's extended public key, e.g. {@code 0/17}. */
public record DepositAddressView(String network, String ownerRef, String address, String path) {
}
