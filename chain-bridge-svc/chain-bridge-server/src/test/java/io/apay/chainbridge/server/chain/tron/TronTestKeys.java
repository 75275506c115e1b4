package io.apay.chainbridge.server.chain.tron;

import io.apay.chainbridge.server.chain.ExtendedPublicKey;
import io.apay.chainbridge.server.chain.TestKeys;
import io.apay.chainbridge.server.signer.Signer;
import io.apay.chainbridge.server.tron.TronAddress;
import java.util.Map;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * TRON keys of the BIP-39 mnemonic "abandon ×11 about" (bip_utils' published vectors: m/44'/195'/0'/0/0 is
 * {@code TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH}), derived privately by web3j to check the public derivation against.
 */
public final class TronTestKeys {

    public static final String MNEMONIC =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    public static final String FIRST_DEPOSIT_ADDRESS = "TUEZSdKsoDHQMeZwihtdoBiN46zxhGWYdH";

    private TronTestKeys() {
    }

    /** m/44'/195'/{account}'. */
    public static Bip32ECKeyPair account(int account) {
        int h = Bip32ECKeyPair.HARDENED_BIT;
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(MNEMONIC, ""));
        return Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | h, 195 | h, account | h});
    }

    public static ExtendedPublicKey xpub(Bip32ECKeyPair account) {
        return TestKeys.xpub(account);
    }

    /** The key of child {@code 0/index} of an account. */
    public static ECKeyPair child(Bip32ECKeyPair account, int index) {
        return Bip32ECKeyPair.deriveKeyPair(account, new int[] {0, index});
    }

    public static TronAddress address(ECKeyPair key) {
        return TronAddress.fromPublicKey(key.getPublicKey());
    }

    public static String privateKeyHex(ECKeyPair key) {
        return Numeric.toHexStringWithPrefixZeroPadded(key.getPrivateKey(), 64);
    }

    /** A signer over keys in memory, signing as the local keystore does (the hash itself, recovery id 0/1). */
    public static Signer signer(Map<String, ECKeyPair> keys) {
        return new Signer() {
            @Override
            public byte[] publicKey(String keyId) {
                return Numeric.toBytesPadded(keys.get(keyId).getPublicKey(), 64);
            }

            @Override
            public Signature sign(String keyId, byte[] hash) {
                Sign.SignatureData sig = Sign.signMessage(hash, keys.get(keyId), false);
                return new Signature(sig.getR(), sig.getS(), sig.getV()[0] - 27);
            }
        };
    }
}
