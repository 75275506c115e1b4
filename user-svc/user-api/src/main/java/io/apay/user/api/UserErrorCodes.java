package io.apay.user.api;

/** Error codes of user-svc, range {@link io.apay.common.core.error.ErrorCodeRange#USER}. */
public interface UserErrorCodes {
}
