package io.apay.push.server.controller.app.vo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import io.apay.common.core.validation.PlainText;

/** Registering a monitor device: a name the acceptor recognises it by. */
public record DeviceCreateReq(@NotBlank @Size(max = 64) @PlainText String name) {
}
