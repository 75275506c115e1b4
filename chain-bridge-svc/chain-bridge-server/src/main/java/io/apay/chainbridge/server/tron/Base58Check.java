package io.apay.chainbridge.server.tron;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * Bitcoin-alphabet Base58 with a 4-byte double-SHA-256 checksum, the text form of a TRON address.
 * Package-private: callers use {@link TronAddress}.
 */
final class Base58Check {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final int CHECKSUM_LENGTH = 4;

    private Base58Check() {
    }

    static String encode(byte[] payload) {
        byte[] checksum = checksum(payload);
        byte[] withChecksum = Arrays.copyOf(payload, payload.length + CHECKSUM_LENGTH);
        System.arraycopy(checksum, 0, withChecksum, payload.length, CHECKSUM_LENGTH);
        return encodeRaw(withChecksum);
    }

    /** The payload, or empty when the text is not Base58 or its checksum does not match. */
    static Optional<byte[]> decode(String text) {
        Optional<byte[]> raw = decodeRaw(text);
        if (raw.isEmpty() || raw.get().length <= CHECKSUM_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes = raw.get();
        byte[] payload = Arrays.copyOf(bytes, bytes.length - CHECKSUM_LENGTH);
        byte[] checksum = Arrays.copyOfRange(bytes, bytes.length - CHECKSUM_LENGTH, bytes.length);
        return Arrays.equals(checksum, checksum(payload)) ? Optional.of(payload) : Optional.empty();
    }

    /** Whether every character is in the Base58 alphabet (so a failed {@link #decode} means a bad checksum). */
    static boolean isBase58(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    private static byte[] checksum(byte[] payload) {
        return Arrays.copyOf(Hash.sha256(Hash.sha256(payload)), CHECKSUM_LENGTH);
    }

    private static String encodeRaw(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        BigInteger value = new BigInteger(1, bytes);
        while (value.signum() > 0) {
            BigInteger[] divRem = value.divideAndRemainder(BASE);
            out.append(ALPHABET.charAt(divRem[1].intValue()));
            value = divRem[0];
        }
        // each leading zero byte is written as the alphabet's first character
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            out.append(ALPHABET.charAt(0));
        }
        return out.reverse().toString();
    }

    private static Optional<byte[]> decodeRaw(String text) {
        if (!isBase58(text)) {
            return Optional.empty();
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < text.length(); i++) {
            value = value.multiply(BASE).add(BigInteger.valueOf(ALPHABET.indexOf(text.charAt(i))));
        }
        byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
        if (magnitude.length > 1 && magnitude[0] == 0) {
            magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
        }
        int leadingZeros = 0;
        while (leadingZeros < text.length() && text.charAt(leadingZeros) == ALPHABET.charAt(0)) {
            leadingZeros++;
        }
        byte[] result = new byte[leadingZeros + magnitude.length];
        System.arraycopy(magnitude, 0, result, leadingZeros, magnitude.length);
        return Optional.of(result);
    }
}
