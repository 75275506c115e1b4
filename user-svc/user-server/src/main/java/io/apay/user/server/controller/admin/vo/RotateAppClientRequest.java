package io.apay.user.server.controller.admin.vo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

/** How long the current secrets keep working after the new one is issued (0 to 30 days). */
public record RotateAppClientRequest(
        @NotNull @Min(0) @Max(2_592_000) Long graceSeconds,
        @NotBlank @Size(max = 255) @PlainText String reason) {
}
