package io.apay.chainbridge.api.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code ownerRef} is the wallet's name for the owner, e.g. {@code USER:1001} or {@code MERCHANT:m-42}. */
public record DepositAddressRequest(
        @NotNull @Pattern(regexp = "[A-Z0-9_]{2,32}") String network,
        @NotNull @Pattern(regexp = "[A-Z]{2,16}:[A-Za-z0-9._-]{1,64}") String ownerRef) {
}
