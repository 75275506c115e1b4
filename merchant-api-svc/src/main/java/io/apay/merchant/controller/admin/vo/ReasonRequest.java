package io.apay.merchant.controller.admin.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

public record ReasonRequest(@NotBlank @Size(max = 255) @PlainText String reason) {
}
