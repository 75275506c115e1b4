package io.apay.user.server.controller.admin.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

/** Every admin change says why; the reason goes to the op-log. */
public record ReasonRequest(@NotBlank @Size(max = 255) @PlainText String reason) {
}
