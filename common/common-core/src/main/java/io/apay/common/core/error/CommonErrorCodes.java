package io.apay.common.core.error;

/** Codes any service may answer with. Range {@link ErrorCodeRange#COMMON}. */
public interface CommonErrorCodes {
    ErrorCode VALIDATION_FAILED = new ErrorCode(10001, 400, "request validation failed");
    ErrorCode MALFORMED_REQUEST = new ErrorCode(10002, 400, "malformed request body");
    ErrorCode MISSING_PARAMETER = new ErrorCode(10003, 400, "a required parameter is missing");
    ErrorCode PARAMETER_TYPE_MISMATCH = new ErrorCode(10004, 400, "a parameter has the wrong type");
    ErrorCode UNAUTHORIZED = new ErrorCode(10010, 401, "authentication required");
    ErrorCode FORBIDDEN = new ErrorCode(10011, 403, "not allowed");
    /** A service was called without the gateway's or a service's credential (MeshAuth): not through the mesh. */
    ErrorCode MESH_CREDENTIAL_MISSING = new ErrorCode(10060, 401, "no mesh credential: call through the gateway");
    /** The mesh credential is wrong, stale (over 60 s) or does not cover this method, path and identity headers. */
    ErrorCode MESH_CREDENTIAL_INVALID = new ErrorCode(10061, 401, "mesh credential invalid or expired");
    ErrorCode NOT_FOUND = new ErrorCode(10020, 404, "not found");
    ErrorCode METHOD_NOT_ALLOWED = new ErrorCode(10021, 405, "method not allowed");
    ErrorCode UNSUPPORTED_MEDIA_TYPE = new ErrorCode(10022, 415, "unsupported media type");
    ErrorCode PAYLOAD_TOO_LARGE = new ErrorCode(10023, 413, "request too large");
    ErrorCode NOT_ACCEPTABLE = new ErrorCode(10024, 406, "not acceptable");
    ErrorCode CONFLICT = new ErrorCode(10030, 409, "conflict with the current state");
    ErrorCode DUPLICATE_JSON_KEY = new ErrorCode(10070, 400, "a JSON object in the body repeats a key");
    ErrorCode URI_TOO_LONG = new ErrorCode(10071, 414, "request line (URL) too long");
    ErrorCode HEADERS_TOO_LARGE = new ErrorCode(10072, 431, "request headers too large");
    ErrorCode TOO_MANY_REQUESTS = new ErrorCode(10040, 429, "too many requests");
    /** A free-text field holds control or invisible formatting characters ({@code @PlainText}). */
    ErrorCode CONTROL_CHARACTERS = new ErrorCode(10050, 400, "text contains control or invisible formatting characters");
    ErrorCode INTERNAL_ERROR = new ErrorCode(10500, 500, "internal error");
    ErrorCode SERVICE_UNAVAILABLE = new ErrorCode(10503, 503, "service temporarily unavailable");
    ErrorCode UPSTREAM_TIMEOUT = new ErrorCode(10504, 504, "upstream timeout");
}
