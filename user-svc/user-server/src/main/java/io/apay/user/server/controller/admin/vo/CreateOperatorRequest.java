package io.apay.user.server.controller.admin.vo;

import io.apay.common.core.security.AdminRole;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import io.apay.common.core.validation.PlainText;

public record CreateOperatorRequest(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9_.-]{2,31}", message = "3-32 of a-z 0-9 _ . -, starting with a letter") String username,
        @NotBlank @Size(max = 64) @PlainText String displayName,
        @NotEmpty Set<AdminRole> roles,
        @NotBlank @Size(max = 255) @PlainText String reason) {
}
