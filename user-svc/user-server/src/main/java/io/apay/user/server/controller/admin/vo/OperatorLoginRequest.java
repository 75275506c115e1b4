package io.apay.user.server.controller.admin.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Password and two-factor code, always both. */
public record OperatorLoginRequest(
        @NotBlank @Size(max = 32) String username,
        @NotBlank @Size(max = 64) String password,
        @NotBlank(message = "two-factor code required") @Pattern(regexp = "\\d{6}", message = "6 digits") String totpCode) {
}
