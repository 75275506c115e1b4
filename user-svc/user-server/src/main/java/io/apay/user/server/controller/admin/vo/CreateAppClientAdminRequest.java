package io.apay.user.server.controller.admin.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

public record CreateAppClientAdminRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{4,32}", message = "4-32 letters, digits, _ or -") String keyId,
        @NotBlank @Size(max = 64) @PlainText String name,
        @NotBlank @Size(max = 255) @PlainText String reason) {
}
