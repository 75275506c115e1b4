package io.apay.user.server.controller.app.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

public record UpdateProfileRequest(@NotBlank @Size(max = 32) @PlainText String nickname) {
}
