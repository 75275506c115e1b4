package io.apay.wallet.server.controller.app.vo;

/** Where the owner sends coin on {@code network}: always the same address. */
public record DepositAddressView(String network, String address) {
}
