package io.apay.sms.server.provider;

/** The provider did not accept the message. The message text is for logs, never for clients. */
public class SmsSendException extends RuntimeException {

    public SmsSendException(String message, Throwable cause) {
        super(message, cause);
    }
}
