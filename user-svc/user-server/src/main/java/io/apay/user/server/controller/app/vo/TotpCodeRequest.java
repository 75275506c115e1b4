package io.apay.user.server.controller.app.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

public record TotpCodeRequest(@NotBlank @Pattern(regexp = "\\d{6}", message = "6 digits") String code) {
}
