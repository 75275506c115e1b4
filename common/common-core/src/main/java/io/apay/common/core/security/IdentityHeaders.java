package io.apay.common.core.security;

/**
 * The verified identity the gateway passes to services. Every header starting with {@value #PREFIX} is removed
 * from a client's request before the gateway sets its own, so a service can trust these and nothing else.
 */
public final class IdentityHeaders {

    /** Every identity header starts with this; the gateway strips all of them from incoming requests. */
    public static final String PREFIX = "X-Apay-";

    public static final String USER_ID = "X-Apay-User-Id";
    public static final String DEVICE_ID = "X-Apay-Device-Id";
    public static final String APP_KEY_ID = "X-Apay-App-Key-Id";
    public static final String OPERATOR_ID = "X-Apay-Operator-Id";
    public static final String OPERATOR_ROLES = "X-Apay-Operator-Roles";
    public static final String MERCHANT_ID = "X-Apay-Merchant-Id";
    public static final String CLIENT_IP = "X-Apay-Client-Ip";
    /** The SHA-256 of the login token the request came with (for logout), never the token itself. */
    public static final String TOKEN_ID = "X-Apay-Token-Id";

    private IdentityHeaders() {
    }
}
