package io.apay.wallet.api.enums;

/**
 * A withdrawal (or merchant payout) as its owner sees it. COMPLETED, FAILED and REJECTED are final; in every final
 * state the hold of amount + fee has been settled (COMPLETED) or released (FAILED, REJECTED).
 */
public enum WithdrawalStatus {
    /** Accepted; amount + fee being held in the ledger. */
    HOLDING,
    /** Held; above the risk threshold, waiting for an operator's approval. */
    REVIEW,
    /** Held (and approved if it needed to be); being handed to the chain. */
    SENDING,
    /** On chain, waiting for confirmations. */
    BROADCAST,
    /** Confirmed on chain; the hold is settled. */
    COMPLETED,
    /** Could not be held, or failed/reverted on chain; the hold is released. */
    FAILED,
    /** Rejected by an operator; the hold is released. */
    REJECTED;

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == REJECTED;
    }
}
