package io.apay.user.server.controller.app.vo;

import java.time.Instant;

public record ProfileResponse(long userId, String phone, String nickname, boolean totpEnabled, Instant createdAt) {
}
