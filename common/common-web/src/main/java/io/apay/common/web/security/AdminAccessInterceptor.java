package io.apay.common.web.security;

import io.apay.common.core.error.CommonErrorCodes;
import io.apay.common.core.error.ServiceException;
import io.apay.common.core.security.AdminRole;
import io.apay.common.core.security.IdentityHeaders;
import io.apay.common.core.security.Permission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks every {@code /admin-api/**} request against its handler's {@link RequiresPermission}, with the operator
 * and roles the gateway verified: no operator is 401, a missing permission is 403, and a handler without the
 * annotation is 403 too (fail closed).
 */
public class AdminAccessInterceptor implements HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AdminAccessInterceptor.class);

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true; // static resources, errors
        }
        if (method.hasMethodAnnotation(AdminPublic.class)) {
            return true;
        }
        RequiresPermission required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresPermission.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresPermission.class);
        }
        if (required == null) {
            log.error("admin handler {} has no @RequiresPermission: refused", method.getShortLogMessage());
            throw new ServiceException(CommonErrorCodes.FORBIDDEN);
        }
        if (request.getHeader(IdentityHeaders.OPERATOR_ID) == null) {
            throw new ServiceException(CommonErrorCodes.UNAUTHORIZED);
        }
        Set<AdminRole> roles = AdminRole.parseList(request.getHeader(IdentityHeaders.OPERATOR_ROLES));
        if (!Permission.allowed(roles, required.value())) {
            throw new ServiceException(CommonErrorCodes.FORBIDDEN, "this needs the permission " + required.value());
        }
        return true;
    }
}
