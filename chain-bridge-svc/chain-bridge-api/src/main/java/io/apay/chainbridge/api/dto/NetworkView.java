package io.apay.chainbridge.api.dto;

import io.apay.chainbridge.api.enums.ChainFamily;
import java.util.List;

/**
 * A configured network, e.g. {@code ETH}, {@code BSC}, {@code TRON}, {@code LOCAL}. {@code chainId} is null for
 * non-EVM networks.
 */
public record NetworkView(String network, ChainFamily family, Long chainId, int confirmations, List<Token> coins) {

    /** A coin on this network: {@code contract} null for the native coin; {@code decimals} as on chain. */
    public record Token(String coin, String contract, int decimals) {
    }
}
