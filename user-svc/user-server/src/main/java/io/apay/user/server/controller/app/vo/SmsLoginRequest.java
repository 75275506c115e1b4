package io.apay.user.server.controller.app.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

public record SmsLoginRequest(
        @NotBlank String phone,
        @NotBlank @Pattern(regexp = "\\d{6}", message = "6 digits") String smsCode,
        @Pattern(regexp = "\\d{6}", message = "6 digits") String totpCode,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}", message = "1-64 letters, digits, _ . : -") String deviceId,
        @Size(max = 64) @PlainText String deviceName) {
}
