package io.apay.sms.api;

/** Error codes of sms-svc, range {@link io.apay.common.core.error.ErrorCodeRange#SMS}. */
public interface SmsErrorCodes {
}
