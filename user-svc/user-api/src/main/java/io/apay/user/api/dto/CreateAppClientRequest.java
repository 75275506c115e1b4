package io.apay.user.api.dto;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import io.apay.common.core.validation.PlainText;

/** A new app client: its key id (what apps send as appKey) and a name for people. */
public record CreateAppClientRequest(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{4,32}", message = "4-32 letters, digits, _ or -") String keyId,
        @NotBlank @Pattern(regexp = ".{1,64}", message = "1-64 characters") @PlainText String name) {
}
