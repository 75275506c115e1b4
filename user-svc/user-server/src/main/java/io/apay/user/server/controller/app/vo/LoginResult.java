package io.apay.user.server.controller.app.vo;

import java.time.Instant;

/** The login token goes in {@code Authorization: Bearer <token>}; it lives 7 days after its last use. */
public record LoginResult(long userId, String token, Instant expiresAt) {
}
