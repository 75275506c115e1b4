package io.apay.chainbridge.server.chain;

/** The node refused a transaction (nonce too low, already known, underpriced, reverted in simulation...). */
public class TxRejectedException extends RuntimeException {

    public TxRejectedException(String message) {
        super(message);
    }
}
