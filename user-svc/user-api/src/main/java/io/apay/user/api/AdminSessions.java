package io.apay.user.api;

import java.time.Duration;

/**
 * The operator-session contract between user-svc (which opens sessions at login) and the gateway (which checks
 * them on {@code /admin-api/**}). Like {@link LoginTokens}, Redis holds only the SHA-256 of the opaque token:
 * {@code <prefix>admin-session:<sha256>} is a hash with the fields below. A session ends after {@link #IDLE} without
 * use and, however busy, {@link #MAX_AGE} after login.
 */
public final class AdminSessions {

    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration MAX_AGE = Duration.ofHours(12);
    public static final String DOMAIN = "admin-session";

    public static final String FIELD_OPERATOR_ID = "operatorId";
    public static final String FIELD_ROLES = "roles";
    public static final String FIELD_ISSUED_AT = "issuedAt";
    public static final String FIELD_LAST_USED_AT = "lastUsedAt";

    private AdminSessions() {
    }
}
