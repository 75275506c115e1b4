package io.apay.user.server.controller.admin.vo;

import io.apay.common.core.security.AdminRole;
import java.time.Instant;
import java.util.Set;

/**
 * An operator as the console shows it. {@code activated}: a password and an authenticator were set (a DISABLED
 * operator may have been activated or not); {@code lastLoginAt} is absent if it never logged in.
 */
public record OperatorView(long operatorId, String username, String displayName, Set<AdminRole> roles, String status,
                           boolean activated, Instant lastLoginAt, Instant createdAt) {
}
