package io.apay.merchant.controller.admin.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** An address a merchant's payouts may go to, on one network (the formats wallet-svc takes). */
public record PayoutAddress(
        @NotBlank @Pattern(regexp = "[A-Z0-9_]{2,32}", message = "2-32 of A-Z 0-9 _, like TRON, ETH or LOCAL") String network,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9]{20,64}", message = "20-64 letters and digits") String address) {
}
