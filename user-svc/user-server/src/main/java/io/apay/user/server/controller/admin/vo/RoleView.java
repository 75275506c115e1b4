package io.apay.user.server.controller.admin.vo;

import io.apay.common.core.security.AdminRole;
import io.apay.common.core.security.Permission;
import java.util.Set;

/** A role and what it allows ({@link Permission#of}). */
public record RoleView(AdminRole role, Set<Permission> permissions) {
}
