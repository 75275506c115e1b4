package io.apay.sms.api.dto;

import io.apay.sms.api.SmsPurpose;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public record VerifyCodeRequest(
        @NotBlank String phone,
        @NotNull SmsPurpose purpose,
        @NotBlank @Pattern(regexp = "\\d{6}", message = "6 digits") String code) {
}
