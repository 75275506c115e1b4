package io.apay.otc.api.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

/** The merchant cancels an order nobody has paid yet. */
public record CloseOrderRequest(@NotBlank @Size(max = 32) String merchantNo, @Size(max = 255) @PlainText String reason) {
}
