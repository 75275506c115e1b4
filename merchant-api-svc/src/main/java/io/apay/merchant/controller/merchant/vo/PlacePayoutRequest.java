package io.apay.merchant.controller.merchant.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** docs/merchant-api.md, "Payouts": settled coin to an address on the merchant's payout-address whitelist. */
public record PlacePayoutRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "1-64 letters, digits, . _ -") String payoutNo,
        @NotBlank @Pattern(regexp = "[A-Z0-9_]{2,32}", message = "2-32 of A-Z 0-9 _, like TRON, ETH or LOCAL") String network,
        @NotBlank @Pattern(regexp = "[A-Z0-9]{2,16}", message = "a coin code like USDT") String coin,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9]{20,64}", message = "20-64 letters and digits") String toAddress,
        @NotNull BigDecimal amount,
        @NotBlank @Size(max = 512) @Pattern(regexp = "https?://.+", message = "an http(s) URL") String notifyUrl) {
}
