package io.apay.chainbridge.server.chain;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.Hash;

/** Base58Check (Bitcoin alphabet), as extended keys (xpub/xprv) and TRON addresses are written. */
public final class Base58 {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {
    }

    public static String encodeChecked(byte[] payload) {
        byte[] check = Arrays.copyOf(doubleSha256(payload), 4);
        byte[] all = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(check, 0, all, payload.length, 4);
        return encode(all);
    }

    /** The payload of a Base58Check string; IllegalArgumentException if it is malformed or its checksum is wrong. */
    public static byte[] decodeChecked(String text) {
        byte[] all = decode(text);
        if (all.length < 4) {
            throw new IllegalArgumentException("too short");
        }
        byte[] payload = Arrays.copyOf(all, all.length - 4);
        byte[] check = Arrays.copyOf(doubleSha256(payload), 4);
        if (!Arrays.equals(check, Arrays.copyOfRange(all, all.length - 4, all.length))) {
            throw new IllegalArgumentException("bad checksum");
        }
        return payload;
    }

    /** The payload, or empty when the text is not Base58 or its checksum does not match. */
    public static Optional<byte[]> tryDecodeChecked(String text) {
        if (!isBase58(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(decodeChecked(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether every character is in the Base58 alphabet (so a failed decode means a bad checksum). */
    public static boolean isBase58(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        BigInteger n = new BigInteger(1, bytes);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            sb.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
            sb.append('1');
        }
        return sb.reverse().toString();
    }

    static byte[] decode(String text) {
        BigInteger n = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            int digit = ALPHABET.indexOf(c);
            if (digit < 0) {
                throw new IllegalArgumentException("not base58");
            }
            n = n.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] raw = n.toByteArray();
        int strip = raw.length > 1 && raw[0] == 0 ? 1 : 0; // BigInteger's sign byte
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == '1') {
            zeros++;
        }
        byte[] out = new byte[zeros + raw.length - strip];
        System.arraycopy(raw, strip, out, zeros, raw.length - strip);
        return n.signum() == 0 ? new byte[zeros] : out;
    }

    private static byte[] doubleSha256(byte[] b) {
        return Hash.sha256(Hash.sha256(b));
    }
}
