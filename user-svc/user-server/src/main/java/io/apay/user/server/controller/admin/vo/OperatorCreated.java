package io.apay.user.server.controller.admin.vo;

import java.time.Instant;

/** Hand the activation code to the new operator over a separate channel; it works once, until it expires. */
public record OperatorCreated(long operatorId, String username, String activationCode, Instant activationExpiresAt) {
}
