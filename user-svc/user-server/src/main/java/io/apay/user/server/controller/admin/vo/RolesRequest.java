package io.apay.user.server.controller.admin.vo;

import io.apay.common.core.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** An operator's new roles (names of AdminRole: an unknown name is refused by the service with its own code). */
public record RolesRequest(
        @NotEmpty @Size(max = 16) List<@NotBlank @Size(max = 32) String> roles,
        @NotBlank @Size(max = 255) @PlainText String reason) {
}
