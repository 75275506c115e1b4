package io.apay.chainbridge.server.chain;

/** The chain node did not answer (or answered nonsense): try again later. */
public class ChainUnavailableException extends RuntimeException {

    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChainUnavailableException(String message) {
        super(message);
    }
}
