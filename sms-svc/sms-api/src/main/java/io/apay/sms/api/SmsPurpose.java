package io.apay.sms.api;

/** What a verification code is for: a code issued for one purpose never verifies another. */
public enum SmsPurpose {
    REGISTER,
    LOGIN,
    RESET_PASSWORD,
    SENSITIVE_OPERATION
}
