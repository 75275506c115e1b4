package io.apay.chainbridge.api.dto;

/** A valid address and its canonical spelling (EVM: EIP-55 checksum case; TRON: base58check). */
public record AddressCheckView(String network, String address) {
}
