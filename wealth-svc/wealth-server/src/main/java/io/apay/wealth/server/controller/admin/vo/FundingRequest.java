package io.apay.wealth.server.controller.admin.vo;

import io.apay.common.core.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * An operator's funding of a product's reward pool: {@code fundingNo} names it (a retry with the same one moves
 * nothing twice), {@code amount} of the product's reward coin, and why (to the op-log).
 */
public record FundingRequest(@NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String fundingNo,
                             @NotNull @Positive BigDecimal amount,
                             @NotBlank @Size(max = 255) @PlainText String reason) {
}
