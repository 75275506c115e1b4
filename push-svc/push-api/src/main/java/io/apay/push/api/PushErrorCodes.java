package io.apay.push.api;

/** Error codes of push-svc, range {@link io.apay.common.core.error.ErrorCodeRange#PUSH}. */
public interface PushErrorCodes {
}
