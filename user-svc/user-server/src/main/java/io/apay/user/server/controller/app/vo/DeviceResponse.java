package io.apay.user.server.controller.app.vo;

import java.time.Instant;

/** A device the user is logged in on; {@code current} is the one making this request. */
public record DeviceResponse(String deviceId, String deviceName, Instant loggedInAt, Instant lastUsedAt, boolean current) {
}
