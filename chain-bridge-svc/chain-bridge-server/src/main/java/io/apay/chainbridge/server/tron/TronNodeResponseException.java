package io.apay.chainbridge.server.tron;

/**
 * The node answered, but not with something usable: HTTP 4xx, an {@code {"Error": ...}} body, malformed JSON or a
 * shape this client does not know. Not retryable as is (a wrong request, a wrong URL, an incompatible node); the
 * message is for the log, not for a client.
 */
public class TronNodeResponseException extends RuntimeException {

    public TronNodeResponseException(String message) {
        super(message);
    }

    public TronNodeResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
