package io.apay.chainbridge.server;

import io.apay.chainbridge.server.chain.TestKeys;
import io.apay.common.test.LocalChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.utils.Numeric;

/**
 * The LOCAL network on a {@link LocalChain}, configured as bin/apay configures it: the hot wallet is the node's account
 * #1 (m/44'/60'/0'/0/1 of the hardhat mnemonic, its key imported into a fresh keystore); deposit addresses come from
 * the mnemonic's second account, m/44'/60'/1' (so none of them is a node account or the hot wallet), whose xprv is the
 * sweep key.
 */
public final class LocalNetwork {

    public static final String NAME = "LOCAL";
    public static final int HOT_ACCOUNT = 1;

    private LocalNetwork() {
    }

    public static void register(DynamicPropertyRegistry r, LocalChain chain, int confirmations) {
        Bip32ECKeyPair account = TestKeys.evmAccount();
        Bip32ECKeyPair deposits = TestKeys.evmAccount(1);
        String keystore = freshKeystore();
        String p = "apay.chain.networks." + NAME + ".";
        r.add(p + "family", () -> "EVM");
        r.add(p + "chain-id", chain::chainId);
        r.add(p + "rpc-url", chain::rpcUrl);
        r.add(p + "confirmations", () -> confirmations);
        r.add(p + "start-block", () -> 0);
        r.add(p + "xpub", () -> TestKeys.xpub(deposits).toBase58());
        r.add(p + "deposit-key-id", () -> "LOCAL-deposits");
        r.add(p + "native-coin", () -> "ETH");
        r.add(p + "native-decimals", () -> 18);
        r.add(p + "tokens.USDT.contract", chain::usdtAddress);
        r.add(p + "tokens.USDT.decimals", () -> 6);
        r.add(p + "hot-wallet.key-id", () -> "LOCAL-hot");
        r.add(p + "hot-wallet.address", () -> chain.account(HOT_ACCOUNT));
        r.add("apay.chain.signer.keystore-dir", () -> keystore);
        r.add("apay.chain.signer.imports.LOCAL-hot", () -> Numeric.toHexStringWithPrefixZeroPadded(
                Bip32ECKeyPair.deriveKeyPair(account, new int[] {0, HOT_ACCOUNT}).getPrivateKey(), 64));
        r.add("apay.chain.signer.imports.LOCAL-deposits", () -> TestKeys.xprv(deposits));
    }

    private static String freshKeystore() {
        try {
            return Files.createTempDirectory("apay-chain-keystore-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
