package io.apay.chainbridge.server.tron;

import java.io.ByteArrayOutputStream;

/**
 * The few protobuf wire-format pieces a TRON transaction needs (varint and length-delimited fields), so the bytes
 * that are hashed and signed are produced here, without a protobuf dependency. Fields are written in the order the
 * caller writes them; callers write them in field-number order, as protobuf serializers do. Proto3 semantics: a
 * zero number or empty bytes field is left out.
 */
final class ProtobufWriter {

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtobufWriter varint(int fieldNumber, long value) {
        if (value != 0) {
            tag(fieldNumber, WIRE_VARINT);
            rawVarint(value);
        }
        return this;
    }

    ProtobufWriter bytes(int fieldNumber, byte[] value) {
        if (value.length > 0) {
            tag(fieldNumber, WIRE_LENGTH_DELIMITED);
            rawVarint(value.length);
            out.writeBytes(value);
        }
        return this;
    }

    ProtobufWriter string(int fieldNumber, String value) {
        return bytes(fieldNumber, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** An embedded message; written even when empty, like a set message field. */
    ProtobufWriter message(int fieldNumber, byte[] encodedMessage) {
        tag(fieldNumber, WIRE_LENGTH_DELIMITED);
        rawVarint(encodedMessage.length);
        out.writeBytes(encodedMessage);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void tag(int fieldNumber, int wireType) {
        rawVarint(((long) fieldNumber << 3) | wireType);
    }

    // int64 values are written as unsigned 64-bit varints (a negative one takes ten bytes), as protobuf does
    private void rawVarint(long value) {
        long remaining = value;
        while ((remaining & ~0x7FL) != 0) {
            out.write((int) ((remaining & 0x7F) | 0x80));
            remaining >>>= 7;
        }
        out.write((int) remaining);
    }
}
