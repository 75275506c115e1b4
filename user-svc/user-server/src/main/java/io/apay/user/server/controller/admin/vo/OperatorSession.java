package io.apay.user.server.controller.admin.vo;

import io.apay.common.core.security.AdminRole;
import io.apay.common.core.security.Permission;
import java.time.Instant;
import java.util.Set;

/** {@code token} goes in {@code Authorization: Bearer}; idle for {@code idleTimeoutSeconds} it ends, and at {@code expiresAt} in any case. */
public record OperatorSession(long operatorId, String token, Set<AdminRole> roles, Set<Permission> permissions,
                              long idleTimeoutSeconds, Instant expiresAt) {
}
