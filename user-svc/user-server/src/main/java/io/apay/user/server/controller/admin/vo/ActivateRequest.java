package io.apay.user.server.controller.admin.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The operator's password (12-64 characters) and a first code from the authenticator just bound. */
public record ActivateRequest(
        @NotBlank @Size(max = 32) String username,
        @NotBlank @Size(max = 64) String activationCode,
        @NotBlank @Size(min = 12, max = 64, message = "12-64 characters") String password,
        @NotBlank @Pattern(regexp = "\\d{6}", message = "6 digits") String totpCode) {
}
