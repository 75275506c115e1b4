package io.apay.sms.api.dto;

/** A code is on its way; it is valid this long and another may be asked for after {@code resendAfterSeconds}. */
public record CodeSent(long expiresInSeconds, long resendAfterSeconds) {
}
