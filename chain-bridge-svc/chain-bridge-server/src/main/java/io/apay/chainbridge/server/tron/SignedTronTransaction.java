package io.apay.chainbridge.server.tron;

import java.util.HexFormat;

/** A transaction with its owner's signature, ready to broadcast. Its ID is fixed by the signed bytes. */
public final class SignedTronTransaction {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] txId;
    private final byte[] rawData;
    private final byte[] signature;

    SignedTronTransaction(byte[] txId, byte[] rawData, byte[] signature) {
        this.txId = txId;
        this.rawData = rawData;
        this.signature = signature;
    }

    /** The transaction ID (lowercase hex): what the chain, receipts and explorers know it by. */
    public String txIdHex() {
        return HEX.formatHex(txId);
    }

    public String rawDataHex() {
        return HEX.formatHex(rawData);
    }

    /** r ‖ s ‖ v, 65 bytes, hex. */
    public String signatureHex() {
        return HEX.formatHex(signature);
    }

    /**
     * The whole {@code protocol.Transaction} (raw_data = 1, signature = 2) as protobuf hex: the body of
     * {@code /wallet/broadcasthex}, so the node receives exactly the bytes that were signed.
     */
    public String toProtobufHex() {
        return HEX.formatHex(new ProtobufWriter()
                .message(1, rawData)
                .bytes(2, signature)
                .toByteArray());
    }

    /**
     * The expiration (ms since the epoch) of a signed transaction given as {@link #toProtobufHex()} wrote it, e.g.
     * one stored before it was sent: after it (by the node's head block time) the transaction can never land.
     *
     * @throws IllegalArgumentException when the text is not such a transaction
     */
    public static long expirationMillis(String protobufHex) {
        byte[] raw = new ProtobufReader(HEX.parseHex(protobufHex)).bytesField(1);
        if (raw == null) {
            throw new IllegalArgumentException("not a TRON transaction: no raw_data");
        }
        return new ProtobufReader(raw).varintField(8)
                .orElseThrow(() -> new IllegalArgumentException("not a TRON transaction: no expiration"));
    }

    @Override
    public String toString() {
        return "SignedTronTransaction[" + txIdHex() + "]";
    }
}
