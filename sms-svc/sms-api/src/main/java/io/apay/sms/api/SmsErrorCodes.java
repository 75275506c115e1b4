package io.apay.sms.api;

import io.apay.common.core.error.ErrorCode;

/** Error codes of sms-svc, range {@link io.apay.common.core.error.ErrorCodeRange#SMS}. */
public interface SmsErrorCodes {
    ErrorCode INVALID_PHONE = new ErrorCode(13001, 400, "phone number must be in international form, e.g. +8613800000000");
    ErrorCode SEND_TOO_SOON = new ErrorCode(13002, 429, "a code was sent to this phone less than a minute ago");
    ErrorCode DAILY_LIMIT = new ErrorCode(13003, 429, "too many codes for this phone or network today");
    ErrorCode CODE_WRONG = new ErrorCode(13004, 400, "wrong verification code");
    ErrorCode CODE_EXPIRED = new ErrorCode(13005, 400, "verification code expired or not requested; request a new one");
    ErrorCode CODE_ATTEMPTS_EXCEEDED = new ErrorCode(13006, 400, "too many wrong attempts; request a new code");
    ErrorCode PROVIDER_FAILED = new ErrorCode(13007, 503, "the message could not be sent; try again later");
}
