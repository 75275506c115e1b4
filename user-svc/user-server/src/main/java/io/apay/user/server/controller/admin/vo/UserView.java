package io.apay.user.server.controller.admin.vo;

import java.time.Instant;

public record UserView(long userId, String phone, String nickname, String status, boolean totpEnabled, int failedLogins,
                       Instant lockedUntil, Instant createdAt) {
}
