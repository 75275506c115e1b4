package io.apay.chainbridge.api.enums;

/** A transfer into a watched address, as the scanner sees it. */
public enum ChainDepositStatus {
    /** In a block on the canonical chain, fewer confirmations than the network requires. */
    SEEN,
    /** Enough confirmations: final for the platform; wallet-svc credits it exactly once. */
    CONFIRMED,
    /** Its block was replaced by a reorg before it was confirmed: never credited. */
    ORPHANED
}
