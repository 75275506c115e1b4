package io.apay.chainbridge.server.tron;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The reference block a transaction names (TAPOS): bytes 6..8 of the block number and bytes 8..16 of the block ID.
 * A node rejects the transaction (TAPOS_ERROR) unless that block is on its chain, so a transaction built on a block
 * that is later dropped never lands. Take it from a recent block's {@code blockID}.
 */
public final class TronBlockRef {

    private static final HexFormat HEX = HexFormat.of();
    private static final int BLOCK_ID_LENGTH = 32;

    private final byte[] refBlockBytes;
    private final byte[] refBlockHash;

    private TronBlockRef(byte[] refBlockBytes, byte[] refBlockHash) {
        this.refBlockBytes = refBlockBytes;
        this.refBlockHash = refBlockHash;
    }

    /** From a block ID as the node writes it ({@code blockID}, 64 hex characters: the number, then the hash). */
    public static TronBlockRef fromBlockId(String blockIdHex) {
        byte[] blockId = HEX.parseHex(blockIdHex);
        if (blockId.length != BLOCK_ID_LENGTH) {
            throw new IllegalArgumentException("a block ID is 32 bytes, not " + blockId.length);
        }
        return new TronBlockRef(Arrays.copyOfRange(blockId, 6, 8), Arrays.copyOfRange(blockId, 8, 16));
    }

    /** The two bytes, as {@code ref_block_bytes} is written in a transaction's JSON. */
    public String refBlockBytesHex() {
        return HEX.formatHex(refBlockBytes);
    }

    /** The eight bytes, as {@code ref_block_hash} is written in a transaction's JSON. */
    public String refBlockHashHex() {
        return HEX.formatHex(refBlockHash);
    }

    byte[] refBlockBytes() {
        return refBlockBytes.clone();
    }

    byte[] refBlockHash() {
        return refBlockHash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TronBlockRef that && Arrays.equals(refBlockBytes, that.refBlockBytes)
                && Arrays.equals(refBlockHash, that.refBlockHash);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(refBlockBytes) + Arrays.hashCode(refBlockHash);
    }

    @Override
    public String toString() {
        return refBlockBytesHex() + "/" + refBlockHashHex();
    }

    /** For a test that has the two parts already (published vectors give them this way). */
    static TronBlockRef of(String refBlockBytesHex, String refBlockHashHex) {
        byte[] bytes = HEX.parseHex(refBlockBytesHex);
        byte[] hash = HEX.parseHex(refBlockHashHex);
        if (bytes.length != 2 || hash.length != 8) {
            throw new IllegalArgumentException("ref_block_bytes is 2 bytes and ref_block_hash 8");
        }
        return new TronBlockRef(bytes, hash);
    }
}
