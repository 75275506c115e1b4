package io.apay.user.api.dto;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A two-factor code the user typed. */
public record TotpCheckRequest(@NotNull @Pattern(regexp = "\\d{6}", message = "6 digits") String code) {
}
