package io.apay.push.server.controller.app.vo;

import java.time.Instant;

/** The new device and its signing secret, shown this once: only its encrypted form is kept. */
public record DeviceCreatedResp(String deviceId, String name, String deviceSecret, Instant createdAt) {
}
