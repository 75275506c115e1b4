package io.apay.common.core.error;

/**
 * A stable numeric error code, the HTTP status it answers with, and a message safe to show a client.
 * Codes are declared as constants in each service's {@code -api} module, inside that service's {@link ErrorCodeRange}.
 */
public record ErrorCode(int code, int httpStatus, String message) {

    public ErrorCode {
        if (code <= 0) {
            throw new IllegalArgumentException("error code must be positive: " + code);
        }
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("error http status must be 4xx or 5xx: " + httpStatus);
        }
    }
}
