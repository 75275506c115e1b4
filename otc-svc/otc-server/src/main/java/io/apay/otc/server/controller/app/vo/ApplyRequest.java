package io.apay.otc.server.controller.app.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record ApplyRequest(@NotBlank @Size(max = 32) String displayName) {
}
