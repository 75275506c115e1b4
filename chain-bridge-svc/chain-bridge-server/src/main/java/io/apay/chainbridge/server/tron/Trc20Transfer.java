package io.apay.chainbridge.server.tron;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.web3j.crypto.Hash;

/**
 * The ABI pieces of a TRC-20 token transfer, the same as ERC-20's: the call {@code transfer(address,uint256)} and
 * the event {@code Transfer(address indexed from, address indexed to, uint256 value)}. An address argument is its 20
 * bytes after the 0x41 prefix, left-padded to 32 (as tronweb and the TRON HTTP API encode it).
 */
public final class Trc20Transfer {

    /** keccak256("transfer(address,uint256)")[0..4] = a9059cbb. */
    static final byte[] TRANSFER_SELECTOR =
            Arrays.copyOf(Hash.sha3("transfer(address,uint256)".getBytes(StandardCharsets.US_ASCII)), 4);

    /** keccak256("Transfer(address,address,uint256)"), the first topic of every Transfer log. */
    static final byte[] TRANSFER_EVENT_TOPIC =
            Hash.sha3("Transfer(address,address,uint256)".getBytes(StandardCharsets.US_ASCII));

    private static final int WORD = 32;
    private static final int MAX_UINT256_BITS = 256;

    private Trc20Transfer() {
    }

    /**
     * The call data of {@code transfer(to, amount)}; {@code amount} in the token's base units (USDT: 6 decimals,
     * so 1 USDT = 1000000).
     */
    public static byte[] callData(TronAddress to, BigInteger amount) {
        requireTransferableAmount(amount);
        byte[] data = new byte[4 + 2 * WORD];
        System.arraycopy(TRANSFER_SELECTOR, 0, data, 0, 4);
        byte[] toBytes = to.evmBytes();
        System.arraycopy(toBytes, 0, data, 4 + WORD - toBytes.length, toBytes.length);
        byte[] amountBytes = unsignedBytes(amount);
        System.arraycopy(amountBytes, 0, data, 4 + 2 * WORD - amountBytes.length, amountBytes.length);
        return data;
    }

    static void requireTransferableAmount(BigInteger amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("a transfer amount must be positive");
        }
        if (amount.bitLength() > MAX_UINT256_BITS) {
            throw new IllegalArgumentException("a transfer amount must fit in uint256");
        }
    }

    private static byte[] unsignedBytes(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
