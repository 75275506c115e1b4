package io.apay.merchant.controller.admin.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import io.apay.common.core.validation.PlainText;

public record WhitelistRequest(@NotEmpty @Size(max = 32) List<@NotBlank String> ipWhitelist, @NotBlank @Size(max = 255) @PlainText String reason) {
}
