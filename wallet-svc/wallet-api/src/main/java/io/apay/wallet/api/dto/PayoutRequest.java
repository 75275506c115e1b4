package io.apay.wallet.api.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/** A merchant's payout of settled coin to an address merchant-api-svc has checked against its whitelist. */
public record PayoutRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String merchantNo,
        @NotNull @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String payoutNo,
        @NotNull @Pattern(regexp = "[A-Z0-9_]{2,32}") String network,
        @NotNull @Pattern(regexp = "[A-Z0-9]{2,16}") String coin,
        @NotNull @Pattern(regexp = "[A-Za-z0-9]{20,64}") String toAddress,
        @NotNull @Positive BigDecimal amount) {
}
