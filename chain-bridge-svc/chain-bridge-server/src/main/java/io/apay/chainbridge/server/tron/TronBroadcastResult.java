package io.apay.chainbridge.server.tron;

/**
 * What the node said to a broadcast. {@link Outcome#ACCEPTED} only means the node took it into its pool; whether it
 * lands is known from {@link TronGridClient#transactionInfo(String)}.
 *
 * @param code    the node's code ({@code SUCCESS}, {@code SIGERROR}, {@code TAPOS_ERROR}, ...)
 * @param message the node's reason when it refused, else empty
 */
public record TronBroadcastResult(String txId, Outcome outcome, String code, String message) {

    public enum Outcome {
        /** Taken into the node's pool. */
        ACCEPTED,
        /** The node already has this transaction (a repeated broadcast): as good as accepted. */
        DUPLICATE,
        /**
         * Refused (bad signature, failed validation, too little bandwidth or balance, expired or unknown reference
         * block): the node neither keeps nor relays it, so it lands only if broadcast again, and never once it has
         * expired or its reference block is gone.
         */
        REJECTED
    }

    /** Accepted now or earlier. */
    public boolean inPool() {
        return outcome == Outcome.ACCEPTED || outcome == Outcome.DUPLICATE;
    }
}
