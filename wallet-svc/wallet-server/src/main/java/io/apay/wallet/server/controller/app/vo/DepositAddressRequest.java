package io.apay.wallet.server.controller.app.vo;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public record DepositAddressRequest(@NotNull @Pattern(regexp = "[A-Z0-9_]{2,32}", message = "a network like LOCAL or ETH") String network) {
}
