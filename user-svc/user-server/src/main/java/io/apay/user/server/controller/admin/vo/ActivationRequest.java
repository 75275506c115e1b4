package io.apay.user.server.controller.admin.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ActivationRequest(@NotBlank @Size(max = 32) String username, @NotBlank @Size(max = 64) String activationCode) {
}
