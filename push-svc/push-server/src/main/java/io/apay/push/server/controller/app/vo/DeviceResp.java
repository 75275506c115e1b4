package io.apay.push.server.controller.app.vo;

import java.time.Instant;

/** A registered device (never its secret). {@code status}: ACTIVE or REVOKED. */
public record DeviceResp(String deviceId, String name, String status, Instant createdAt, Instant revokedAt) {
}
