package io.apay.user.api;

import io.apay.common.core.error.ErrorCode;

/** Error codes of user-svc, range {@link io.apay.common.core.error.ErrorCodeRange#USER}. */
public interface UserErrorCodes {
    ErrorCode PHONE_ALREADY_REGISTERED = new ErrorCode(12001, 409, "phone number already registered");
    ErrorCode BAD_CREDENTIALS = new ErrorCode(12002, 401, "wrong phone number or password");
    ErrorCode ACCOUNT_LOCKED = new ErrorCode(12003, 423, "too many failed logins: account locked for a while");
    ErrorCode ACCOUNT_FROZEN = new ErrorCode(12004, 403, "account frozen");
    ErrorCode USER_NOT_FOUND = new ErrorCode(12005, 404, "user not found");
    ErrorCode WEAK_PASSWORD = new ErrorCode(12006, 400, "password must be 8-64 characters with letters and digits");
    ErrorCode TOTP_REQUIRED = new ErrorCode(12010, 401, "two-factor code required");
    ErrorCode TOTP_INVALID = new ErrorCode(12011, 401, "wrong or already used two-factor code");
    ErrorCode TOTP_ALREADY_ENABLED = new ErrorCode(12012, 409, "two-factor already enabled");
    ErrorCode TOTP_NOT_ENABLED = new ErrorCode(12013, 409, "two-factor not enabled");
    ErrorCode TOTP_NOT_BOUND = new ErrorCode(12014, 409, "bind two-factor first");
    /** 423, not 429: between services a 429 reads as "no answer, try again" (RemoteOutcome), this is an answer. */
    ErrorCode TOTP_LOCKED = new ErrorCode(12015, 423, "too many wrong two-factor codes: two-factor locked for a while");
    ErrorCode APP_CLIENT_NOT_FOUND = new ErrorCode(12020, 404, "app client not found");
    ErrorCode KYC_FILE_TOO_LARGE = new ErrorCode(12030, 413, "file too large (max 5 MB)");
    ErrorCode KYC_FILE_TYPE = new ErrorCode(12031, 415, "file must be a JPEG, PNG or PDF");
    ErrorCode KYC_FILE_EMPTY = new ErrorCode(12032, 400, "file is empty");
    ErrorCode FILE_LINK_INVALID = new ErrorCode(12033, 403, "file link expired or invalid");
    ErrorCode DEVICE_NOT_FOUND = new ErrorCode(12040, 404, "device session not found");
    ErrorCode OPERATOR_BAD_CREDENTIALS = new ErrorCode(12050, 401, "wrong username, password or two-factor code");
    ErrorCode OPERATOR_LOCKED = new ErrorCode(12051, 423, "too many failed logins: operator locked for a while");
    ErrorCode OPERATOR_NOT_ACTIVE = new ErrorCode(12052, 403, "operator not activated or disabled");
    ErrorCode ACTIVATION_INVALID = new ErrorCode(12053, 401, "activation code wrong, used or expired");
    ErrorCode OPERATORS_EXIST = new ErrorCode(12054, 409, "the first operator exists already: operators are created by a super admin");
    ErrorCode USERNAME_TAKEN = new ErrorCode(12055, 409, "username taken");
    ErrorCode OPERATOR_NOT_FOUND = new ErrorCode(12056, 404, "operator not found");
    ErrorCode ACCOUNT_ALREADY_IN_STATE = new ErrorCode(12057, 409, "account is already in that state");
    ErrorCode ROLE_UNKNOWN = new ErrorCode(12058, 400, "roles must name known operator roles");
    /** No operator changes its own roles: neither a lock-out by mistake nor an escalation. */
    ErrorCode OWN_ROLES = new ErrorCode(12059, 403, "an operator cannot change its own roles");
    /** Taken away by a role change or by disabling: the platform is never left without an enabled super admin. */
    ErrorCode LAST_SUPER_ADMIN = new ErrorCode(12060, 409, "the last enabled super admin keeps SUPER_ADMIN and stays enabled");
    /** No operator disables itself, for the reasons of {@link #OWN_ROLES}. */
    ErrorCode OWN_DISABLE = new ErrorCode(12061, 403, "an operator cannot disable itself");
}
