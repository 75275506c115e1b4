package io.apay.common.web.security;

import io.apay.common.core.security.Permission;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission an admin endpoint needs. Every handler under {@code /admin-api/**} must carry one (on the method
 * or its class): a handler without it is refused, so a forgotten annotation never opens an endpoint.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresPermission {
    Permission value();
}
