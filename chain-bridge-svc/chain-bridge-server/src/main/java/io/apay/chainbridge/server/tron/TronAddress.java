package io.apay.chainbridge.server.tron;

import io.apay.chainbridge.server.chain.Base58;
import io.apay.chainbridge.api.ChainBridgeErrorCodes;
import io.apay.common.core.error.ServiceException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

/**
 * A TRON account or contract address: the byte 0x41 followed by the last 20 bytes of keccak256 of the uncompressed
 * secp256k1 public key (without its 0x04 prefix). Shown as Base58Check ({@code T...}, 34 characters) or as hex
 * ({@code 41...}, 42 characters); both parse. Immutable; equal when the 21 bytes are equal.
 */
public final class TronAddress {

    /** The first byte of every TRON mainnet (and Nile/Shasta testnet) address. */
    public static final byte PREFIX = 0x41;

    static final int LENGTH = 21;
    private static final int BASE58_LENGTH = 34;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private TronAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The address of a secp256k1 public key: 65 bytes uncompressed ({@code 04 ‖ x ‖ y}), 64 bytes ({@code x ‖ y}) or
     * 33 bytes compressed ({@code 02|03 ‖ x}, as BIP-32 serialises a child public key).
     */
    public static TronAddress fromPublicKey(byte[] publicKey) {
        byte[] xy = switch (publicKey.length) {
            case 64 -> publicKey;
            case 65, 33 -> uncompressedWithoutPrefix(publicKey);
            default -> throw new IllegalArgumentException(
                    "a secp256k1 public key is 33, 64 or 65 bytes, not " + publicKey.length);
        };
        byte[] hash = Hash.sha3(xy);
        byte[] address = new byte[LENGTH];
        address[0] = PREFIX;
        System.arraycopy(hash, hash.length - 20, address, 1, 20);
        return new TronAddress(address);
    }

    /** The address of a public key given as web3j does ({@code ECKeyPair.getPublicKey()}: x ‖ y as a number). */
    public static TronAddress fromPublicKey(BigInteger publicKey) {
        return fromPublicKey(toFixedLength(publicKey, 64));
    }

    /** The address whose last 20 bytes are an EVM-style address (ABI arguments and event topics carry these). */
    public static TronAddress fromEvmBytes(byte[] twentyBytes) {
        if (twentyBytes.length != 20) {
            throw new IllegalArgumentException("an EVM-style address is 20 bytes, not " + twentyBytes.length);
        }
        byte[] address = new byte[LENGTH];
        address[0] = PREFIX;
        System.arraycopy(twentyBytes, 0, address, 1, 20);
        return new TronAddress(address);
    }

    /**
     * Parses a Base58Check ({@code T...}) or hex ({@code 41...}, optionally {@code 0x}-prefixed) address.
     *
     * @throws ServiceException {@code 17003 ADDRESS_INVALID} saying what is wrong (length, alphabet, checksum,
     *                          prefix)
     */
    public static TronAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("a TRON address is required");
        }
        String trimmed = text.strip();
        if (looksLikeHex(trimmed)) {
            return fromBytes(HEX.parseHex(withoutHexPrefix(trimmed)));
        }
        if (trimmed.length() != BASE58_LENGTH) {
            throw invalid("a TRON address is 34 Base58 characters starting with T, or 42 hex characters starting"
                    + " with 41");
        }
        if (!Base58.isBase58(trimmed)) {
            throw invalid("a TRON address has a character outside the Base58 alphabet");
        }
        byte[] payload = Base58.tryDecodeChecked(trimmed)
                .orElseThrow(() -> invalid("the TRON address checksum does not match (a mistyped character?)"));
        return fromBytes(payload);
    }

    /** Whether {@link #parse} accepts the text. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (ServiceException e) {
            return false;
        }
    }

    /** Parses, giving empty instead of failing. */
    public static Optional<TronAddress> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (ServiceException e) {
            return Optional.empty();
        }
    }

    /** The Base58Check form, {@code T...}. */
    public String base58() {
        return Base58.encodeChecked(bytes);
    }

    /** The hex form as the TRON HTTP API writes it: lowercase, {@code 41...}, 42 characters, no {@code 0x}. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** The 21 bytes (0x41 ‖ 20-byte hash); a copy. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The 20 bytes after the prefix, as ABI arguments and event topics carry an address; a copy. */
    public byte[] evmBytes() {
        return Arrays.copyOfRange(bytes, 1, LENGTH);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TronAddress that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return base58();
    }

    private static TronAddress fromBytes(byte[] payload) {
        if (payload.length != LENGTH) {
            throw invalid("a TRON address is 21 bytes (0x41 and 20 more), this one is " + payload.length);
        }
        if (payload[0] != PREFIX) {
            throw invalid("a TRON address starts with the byte 0x41 (T... in Base58), this one does not");
        }
        return new TronAddress(payload);
    }

    private static boolean looksLikeHex(String text) {
        String digits = withoutHexPrefix(text);
        return digits.length() == LENGTH * 2 && digits.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static String withoutHexPrefix(String text) {
        return text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    }

    private static byte[] uncompressedWithoutPrefix(byte[] encodedPoint) {
        ECPoint point;
        try {
            point = Sign.CURVE_PARAMS.getCurve().decodePoint(encodedPoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a point on secp256k1", e);
        }
        byte[] uncompressed = point.getEncoded(false);
        return Arrays.copyOfRange(uncompressed, 1, uncompressed.length);
    }

    private static byte[] toFixedLength(BigInteger value, int length) {
        byte[] magnitude = value.toByteArray();
        if (magnitude.length > length + 1 || (magnitude.length == length + 1 && magnitude[0] != 0)
                || value.signum() < 0) {
            throw new IllegalArgumentException("a public key number must fit in " + length + " bytes");
        }
        byte[] fixed = new byte[length];
        int copy = Math.min(magnitude.length, length);
        System.arraycopy(magnitude, magnitude.length - copy, fixed, length - copy, copy);
        return fixed;
    }

    private static ServiceException invalid(String reason) {
        return new ServiceException(ChainBridgeErrorCodes.ADDRESS_INVALID, reason);
    }
}
