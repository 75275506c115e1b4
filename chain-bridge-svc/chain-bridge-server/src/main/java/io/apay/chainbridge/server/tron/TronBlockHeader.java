package io.apay.chainbridge.server.tron;

import java.util.Objects;

/**
 * What a scanner needs of a block: its number, ID, parent's ID and time. IDs are lowercase hex as the node writes
 * them; a TRON block ID starts with the block number (8 bytes) followed by 24 bytes of the header hash.
 */
public record TronBlockHeader(long number, String blockId, String parentHash, long timestampMillis) {

    public TronBlockHeader {
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(parentHash, "parentHash");
    }
}
