package io.apay.gateway;

import io.apay.common.core.error.ErrorCode;

/** Error codes of the gateway, range {@link io.apay.common.core.error.ErrorCodeRange#GATEWAY}. */
public interface GatewayErrorCodes {
    ErrorCode APP_KEY_UNKNOWN = new ErrorCode(11001, 401, "appKey missing, unknown or disabled");
    ErrorCode SIGNATURE_MISSING = new ErrorCode(11002, 401, "sign missing");
    ErrorCode SIGNATURE_MALFORMED = new ErrorCode(11003, 401, "sign must be 64 lowercase hex characters");
    ErrorCode TIMESTAMP_INVALID = new ErrorCode(11004, 401, "timestamp missing or more than 300 s from server time");
    ErrorCode NONCE_INVALID = new ErrorCode(11005, 401, "nonce missing or malformed");
    ErrorCode NONCE_REUSED = new ErrorCode(11006, 401, "nonce already used");
    ErrorCode BODY_DIGEST_MISMATCH = new ErrorCode(11007, 401, "body does not match contentSha256");
    ErrorCode BODY_DIGEST_MISSING = new ErrorCode(11008, 401, "contentSha256 missing for a request with a body");
    ErrorCode SIGNATURE_MISMATCH = new ErrorCode(11009, 401, "signature does not match");
    ErrorCode PARAMETER_DUPLICATED = new ErrorCode(11010, 400, "a parameter appears more than once");
    ErrorCode SIGNED_BODY_MALFORMED = new ErrorCode(11011, 400, "a signed JSON body must be one JSON object");
    ErrorCode SIGNED_BODY_CHARSET = new ErrorCode(11092, 400,
            "a signed JSON or form body is UTF-8: declare charset=utf-8 or no charset in Content-Type");
    ErrorCode TOKEN_MISSING = new ErrorCode(11020, 401, "login token missing");
    ErrorCode TOKEN_INVALID = new ErrorCode(11021, 401, "login token unknown or expired");
    ErrorCode USER_MISMATCH = new ErrorCode(11022, 403, "the request claims another user's id");
    ErrorCode IDEMPOTENCY_KEY_MISSING = new ErrorCode(11030, 400, "Idempotency-Key header missing");
    ErrorCode IDEMPOTENCY_KEY_MALFORMED = new ErrorCode(11031, 400, "Idempotency-Key must be 8-64 of A-Z a-z 0-9 _ -");
    ErrorCode IDEMPOTENCY_IN_PROGRESS = new ErrorCode(11032, 409, "a request with this Idempotency-Key is still in progress");
    ErrorCode IDEMPOTENCY_KEY_REUSED = new ErrorCode(11033, 422, "this Idempotency-Key was used for a different request");
    ErrorCode IDEMPOTENCY_ANSWER_NOT_KEPT = new ErrorCode(11093, 409,
            "this Idempotency-Key's request already ran; its answer was too large to keep for a replay");
    ErrorCode RATE_LIMITED_IP = new ErrorCode(11040, 429, "too many requests from this address");
    ErrorCode RATE_LIMITED_ACCOUNT = new ErrorCode(11041, 429, "too many requests for this account");
    ErrorCode ADMIN_ADDRESS_NOT_ALLOWED = new ErrorCode(11050, 403, "the admin API is not open to this address");
    ErrorCode MERCHANT_UNKNOWN = new ErrorCode(11060, 401, "merchantNo missing or unknown");
    ErrorCode MERCHANT_SUSPENDED = new ErrorCode(11061, 403, "merchant suspended");
    ErrorCode MERCHANT_ADDRESS_NOT_WHITELISTED = new ErrorCode(11062, 403, "request from an address not on the merchant's IP whitelist");
    ErrorCode MERCHANT_SIGNATURE_MALFORMED = new ErrorCode(11063, 401, "X-Signature must be the base64 SHA256withRSA signature");
    ErrorCode SIGNATURE_RETIRED_FORM = new ErrorCode(11070, 401,
            "the signature uses the retired canonical form: sign method, path and the encoded parameters (docs/app-signature.md, docs/merchant-api.md)");
    ErrorCode OPERATOR_TOKEN_IN_URL = new ErrorCode(11090, 400, "the operator session token goes in the Authorization header, never in the URL");
    ErrorCode LOGIN_TOKEN_IN_URL = new ErrorCode(11091, 400,
            "the login token goes in the Authorization header; only the monitor's WebSocket upgrade may carry it in the URL");
    ErrorCode CORS_ORIGIN_NOT_ALLOWED = new ErrorCode(11110, 403, "CORS: this origin, method or header is not allowed");
}
