package io.apay.chainbridge.api.enums;

/** An outgoing transfer. CONFIRMED and FAILED are final. */
public enum ChainWithdrawalStatus {
    /** Accepted, not yet signed and sent. */
    QUEUED,
    /** Signed and sent to the node (possibly replaced with a higher fee since); waiting for its receipt. */
    BROADCAST,
    /** Mined with success and the network's confirmations: the coin left. */
    CONFIRMED,
    /** Reverted on chain, or refused before it was ever sent: no coin left. */
    FAILED;

    public boolean isFinal() {
        return this == CONFIRMED || this == FAILED;
    }
}
