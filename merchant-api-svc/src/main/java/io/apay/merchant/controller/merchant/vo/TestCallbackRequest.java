package io.apay.merchant.controller.merchant.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record TestCallbackRequest(
        @NotBlank @Size(max = 512) @Pattern(regexp = "https?://.+", message = "an http(s) URL") String notifyUrl) {
}
