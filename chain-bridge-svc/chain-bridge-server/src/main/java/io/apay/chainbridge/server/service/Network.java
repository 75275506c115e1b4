package io.apay.chainbridge.server.service;

import io.apay.chainbridge.api.dto.NetworkView;
import io.apay.chainbridge.server.chain.ChainAdapter;
import io.apay.chainbridge.server.chain.ExtendedPublicKey;
import io.apay.chainbridge.server.config.ChainProperties;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A configured network with its adapter: {@code xpub} null when it takes no deposits, {@code hotAddress} null when it
 * sends nothing.
 */
public record Network(String name, ChainProperties.Network config, ChainAdapter adapter, ExtendedPublicKey xpub, String hotAddress) {

    public boolean isNative(String coin) {
        return config.getNativeCoin().equals(coin);
    }

    /** The coin's decimals on this network, empty if the network does not carry it. */
    public OptionalInt decimals(String coin) {
        if (isNative(coin)) {
            return OptionalInt.of(config.getNativeDecimals());
        }
        ChainProperties.Token token = config.getTokens().get(coin);
        return token == null ? OptionalInt.empty() : OptionalInt.of(token.getDecimals());
    }

    /** Base units to a coin amount at the coin's decimals (exact). */
    public BigDecimal toAmount(String coin, BigInteger units) {
        return new BigDecimal(units, decimals(coin).orElseThrow());
    }

    /** A coin amount to base units; ArithmeticException if it has more decimals than the coin (never rounded). */
    public BigInteger toUnits(String coin, BigDecimal amount) {
        return amount.setScale(decimals(coin).orElseThrow(), java.math.RoundingMode.UNNECESSARY).unscaledValue();
    }

    public int confirmations() {
        return config.getConfirmations();
    }

    public NetworkView view() {
        List<NetworkView.Token> coins = new ArrayList<>();
        coins.add(new NetworkView.Token(config.getNativeCoin(), null, config.getNativeDecimals()));
        config.getTokens().forEach((coin, t) -> coins.add(new NetworkView.Token(coin, t.getContract(), t.getDecimals())));
        return new NetworkView(name, config.getFamily(), config.getChainId(), config.getConfirmations(), coins);
    }
}
