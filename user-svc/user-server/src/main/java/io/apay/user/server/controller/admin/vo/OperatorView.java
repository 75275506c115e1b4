package io.apay.user.server.controller.admin.vo;

import io.apay.common.core.security.AdminRole;
import java.time.Instant;
import java.util.Set;

public record OperatorView(long operatorId, String username, String displayName, Set<AdminRole> roles, String status,
                           Instant createdAt) {
}
