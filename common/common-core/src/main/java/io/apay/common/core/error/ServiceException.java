package io.apay.common.core.error;

/**
 * A business error: answered to the client as its {@link ErrorCode} (status, code, message), never as exception
 * text. {@code clientMessage}, when given, replaces the code's message; it must be safe to show a client.
 */
public class ServiceException extends RuntimeException {

    private final ErrorCode errorCode;
    private final String clientMessage;

    public ServiceException(ErrorCode errorCode) {
        this(errorCode, null);
    }

    public ServiceException(ErrorCode errorCode, String clientMessage) {
        super(errorCode.code() + " " + (clientMessage != null ? clientMessage : errorCode.message()), null, false, false);
        this.errorCode = errorCode;
        this.clientMessage = clientMessage;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public int code() {
        return errorCode.code();
    }

    public int httpStatus() {
        return errorCode.httpStatus();
    }

    /** The message a client sees. */
    public String clientMessage() {
        return clientMessage != null ? clientMessage : errorCode.message();
    }
}
