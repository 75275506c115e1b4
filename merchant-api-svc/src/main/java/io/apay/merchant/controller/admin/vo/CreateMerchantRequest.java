package io.apay.merchant.controller.admin.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import io.apay.common.core.validation.PlainText;

public record CreateMerchantRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{3,32}", message = "3-32 letters, digits, _ or -") String merchantNo,
        @NotBlank @Size(max = 64) @PlainText String name,
        @NotEmpty @Size(max = 32) List<@NotBlank String> ipWhitelist,
        @NotBlank @Size(max = 4096) String publicKeyPem,
        @NotBlank @Size(max = 255) @PlainText String reason) {
}
