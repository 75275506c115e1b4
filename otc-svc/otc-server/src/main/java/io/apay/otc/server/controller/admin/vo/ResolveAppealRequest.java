package io.apay.otc.server.controller.admin.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

/** {@code decision}: RELEASE (the buyer paid: settle to the merchant) or CANCEL (nothing settles). */
public record ResolveAppealRequest(
        @NotNull @Pattern(regexp = "RELEASE|CANCEL", message = "RELEASE or CANCEL") String decision,
        @NotBlank @Size(max = 255) @PlainText String reason) {
}
