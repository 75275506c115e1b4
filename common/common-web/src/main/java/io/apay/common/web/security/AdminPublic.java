package io.apay.common.web.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An admin endpoint an operator calls before having a session: login and account activation. The gateway lists
 * the same paths as public admin paths; everything else under {@code /admin-api/**} needs {@link RequiresPermission}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AdminPublic {
}
