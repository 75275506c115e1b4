package io.apay.push.api;

import io.apay.common.core.error.ErrorCode;

/**
 * Error codes of push-svc, range {@link io.apay.common.core.error.ErrorCodeRange#PUSH}. Codes 190xx answer the
 * monitor's WebSocket handshake, 191xx the device endpoints, 192xx arrive in {@code error} frames on an open socket.
 */
public interface PushErrorCodes {

    // handshake of /ws/monitor (HTTP answer, the socket is not opened)
    ErrorCode HANDSHAKE_DEVICE_PARAMS = new ErrorCode(19001, 400, "deviceId, ts and sig are required query parameters");
    ErrorCode HANDSHAKE_DEVICE_UNKNOWN = new ErrorCode(19002, 401, "unknown or revoked device");
    ErrorCode HANDSHAKE_SIGNATURE_INVALID = new ErrorCode(19003, 401, "handshake signature invalid or expired");
    ErrorCode HANDSHAKE_REPLAYED = new ErrorCode(19010, 401, "this deviceId and ts were already used: sign a new ts");
    ErrorCode HANDSHAKE_TICKET_INVALID = new ErrorCode(19011, 401, "handshake ticket unknown, used or expired: connect again");

    // devices (/app-api/push/devices)
    ErrorCode DEVICE_NOT_FOUND = new ErrorCode(19101, 404, "device not found");
    ErrorCode DEVICE_LIMIT_REACHED = new ErrorCode(19102, 409, "too many active devices: revoke one first");
    ErrorCode DEVICE_ALREADY_REVOKED = new ErrorCode(19103, 409, "device already revoked");

    // error frames on an open socket
    ErrorCode FRAME_MALFORMED = new ErrorCode(19201, 400, "frame is not a JSON object with a type");
    ErrorCode FRAME_UNKNOWN_TYPE = new ErrorCode(19202, 400, "unknown message type");
    ErrorCode FRAME_INVALID_FIELD = new ErrorCode(19203, 400, "a field of the message is missing or invalid");
    ErrorCode REPORT_SIGNATURE_INVALID = new ErrorCode(19204, 401, "report signature invalid");
    ErrorCode ACK_UNKNOWN_MESSAGE = new ErrorCode(19205, 404, "no unacknowledged message with that id");

    // rpc
    ErrorCode TOO_MANY_ACCEPTORS = new ErrorCode(19301, 400, "at most 100 acceptor ids per request");
}
