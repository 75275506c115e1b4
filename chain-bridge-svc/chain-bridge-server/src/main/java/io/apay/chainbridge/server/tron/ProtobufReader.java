package io.apay.chainbridge.server.tron;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Reads the few fields this service needs back from its own protobuf bytes (a stored signed transaction's
 * expiration), the counterpart of {@link ProtobufWriter}: varint and length-delimited fields; 64- and 32-bit fields
 * are skipped. Malformed input throws IllegalArgumentException.
 */
final class ProtobufReader {

    private final byte[] bytes;

    ProtobufReader(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The last occurrence of a length-delimited field (protobuf: the last one wins), or null. */
    byte[] bytesField(int fieldNumber) {
        byte[][] found = {null};
        walk((field, wireType, start, end, value) -> {
            if (field == fieldNumber && wireType == 2) {
                found[0] = Arrays.copyOfRange(bytes, start, end);
            }
        });
        return found[0];
    }

    /** The last occurrence of a varint field, empty when it is absent (proto3: zero). */
    OptionalLong varintField(int fieldNumber) {
        OptionalLong[] found = {OptionalLong.empty()};
        walk((field, wireType, start, end, value) -> {
            if (field == fieldNumber && wireType == 0) {
                found[0] = OptionalLong.of(value);
            }
        });
        return found[0];
    }

    private interface Visitor {
        void field(int fieldNumber, int wireType, int start, int end, long value);
    }

    private void walk(Visitor visitor) {
        int[] pos = {0};
        while (pos[0] < bytes.length) {
            long tag = varint(pos);
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            switch (wireType) {
                case 0 -> visitor.field(field, wireType, pos[0], pos[0], varint(pos));
                case 1 -> skip(pos, 8);
                case 2 -> {
                    long length = varint(pos);
                    if (length < 0 || length > bytes.length - pos[0]) {
                        throw new IllegalArgumentException("protobuf: a field runs past the end");
                    }
                    int start = pos[0];
                    pos[0] += (int) length;
                    visitor.field(field, wireType, start, pos[0], 0);
                }
                case 5 -> skip(pos, 4);
                default -> throw new IllegalArgumentException("protobuf: unsupported wire type " + wireType);
            }
        }
    }

    private void skip(int[] pos, int n) {
        if (n > bytes.length - pos[0]) {
            throw new IllegalArgumentException("protobuf: a field runs past the end");
        }
        pos[0] += n;
    }

    private long varint(int[] pos) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= bytes.length) {
                throw new IllegalArgumentException("protobuf: a varint runs past the end");
            }
            int b = bytes[pos[0]++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("protobuf: a varint is longer than 10 bytes");
    }
}
