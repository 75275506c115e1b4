package io.apay.merchant.controller.admin.vo;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

/** The merchant's new public key; its current keys keep verifying for {@code graceSeconds} (0 to 30 days). */
public record RotateKeyRequest(
        @NotBlank @Size(max = 4096) String publicKeyPem,
        @NotNull @Min(0) @Max(2_592_000) Long graceSeconds,
        @NotBlank @Size(max = 255) @PlainText String reason) {
}
