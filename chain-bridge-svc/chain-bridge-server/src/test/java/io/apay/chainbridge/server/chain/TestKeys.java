package io.apay.chainbridge.server.chain;

import java.nio.ByteBuffer;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.utils.Numeric;

/** Extended keys of the hardhat test mnemonic, derived privately by web3j (to check our public derivation against). */
public final class TestKeys {

    public static final String MNEMONIC = "test test test test test test test test test test test junk";
    public static final int H = Bip32ECKeyPair.HARDENED_BIT;

    private TestKeys() {
    }

    /** m/44'/60'/0' of the mnemonic: the account whose children 0/i are hardhat's accounts. */
    public static Bip32ECKeyPair evmAccount() {
        return evmAccount(0);
    }

    /** m/44'/60'/{account}' of the mnemonic. */
    public static Bip32ECKeyPair evmAccount(int account) {
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));
        return Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | H, 60 | H, account | H});
    }

    public static ExtendedPublicKey xpub(Bip32ECKeyPair key) {
        return ExtendedPublicKey.of(key.getDepth(), key.getParentFingerprint(), key.getChildNumber(), key.getChainCode(),
                key.getPublicKeyPoint());
    }

    public static String xprv(Bip32ECKeyPair key) {
        ByteBuffer b = ByteBuffer.allocate(78).putInt(0x0488ADE4).put((byte) key.getDepth()).putInt(key.getParentFingerprint())
                .putInt(key.getChildNumber()).put(key.getChainCode()).put((byte) 0)
                .put(Numeric.toBytesPadded(key.getPrivateKey(), 32));
        return Base58.encodeChecked(b.array());
    }
}
