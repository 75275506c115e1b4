package io.apay.wealth.server.controller.admin.vo;

import io.apay.common.core.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an operator did it: goes to the op-log with the state before and after. */
public record ReasonRequest(@NotBlank @Size(max = 255) @PlainText String reason) {
}
