package io.apay.wallet.server.controller.app.vo;

import io.apay.common.core.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An address the user wants to withdraw to; {@code label} is the user's own name for it. */
public record AddAddressRequest(
        @NotNull @Pattern(regexp = "[A-Z0-9_]{2,32}", message = "a network like LOCAL or ETH") String network,
        @NotNull @Pattern(regexp = "[A-Za-z0-9]{20,64}", message = "20-64 letters and digits") String address,
        @NotBlank @Size(max = 64) @PlainText String label) {
}
