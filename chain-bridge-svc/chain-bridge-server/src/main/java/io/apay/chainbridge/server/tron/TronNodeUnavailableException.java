package io.apay.chainbridge.server.tron;

import io.apay.chainbridge.api.ChainBridgeErrorCodes;
import io.apay.common.core.error.ServiceException;

/**
 * The node could not give an answer now: no connection, a timeout, HTTP 429 or 5xx, a busy node, or a block that
 * changed while it was being read. Retryable: the same call may succeed later. Answers 503 {@code 17020} if it
 * reaches a client; {@link #detail()} says what happened, for the log.
 */
public class TronNodeUnavailableException extends ServiceException {

    private final String detail;

    public TronNodeUnavailableException(String detail) {
        super(ChainBridgeErrorCodes.NODE_UNAVAILABLE);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + ": " + detail;
    }
}
