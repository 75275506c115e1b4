package io.apay.sms.api.dto;

import io.apay.sms.api.SmsPurpose;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An app asks for a code to be sent (public route, rate limited). {@code locale}: zh-CN (default) or en. */
public record SendCodeRequest(
        @NotBlank String phone,
        @NotNull SmsPurpose purpose,
        @Pattern(regexp = "zh-CN|en", message = "zh-CN or en") String locale) {
}
