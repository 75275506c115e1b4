package io.apay.chainbridge.server.signer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.chainbridge.server.chain.TestKeys;
import io.apay.common.core.crypto.SecretCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class LocalKeystoreSignerTest {

    static final String HARDHAT_1_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    @TempDir
    Path dir;

    static SecretCipher randomCipher() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return SecretCipher.fromBase64(Base64.getEncoder().encodeToString(key));
    }

    @Test
    void keysAreStoredEncryptedAndSignRecoverably() throws Exception {
        LocalKeystoreSigner signer = new LocalKeystoreSigner(dir, randomCipher());
        assertThat(signer.importKey("hot", HARDHAT_1_KEY)).isTrue();
        String stored = Files.readString(dir.resolve("hot.key"));
        assertThat(stored).startsWith("v1:").doesNotContain(HARDHAT_1_KEY.substring(2)).doesNotContain("59c6995e");

        byte[] hash = Hash.sha3("anything".getBytes());
        Signer.Signature sig = signer.sign("hot", hash);
        var key = Sign.signedMessageHashToKey(hash, new Sign.SignatureData((byte) (27 + sig.recoveryId()), sig.r(), sig.s()));
        assertThat(Keys.toChecksumAddress(Keys.getAddress(key))).isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        assertThat(Numeric.toBigInt(signer.publicKey("hot"))).isEqualTo(key);
    }

    @Test
    void anImportNeverReplacesAStoredKeyAndAnotherSecretKeyCannotReadIt() {
        LocalKeystoreSigner signer = new LocalKeystoreSigner(dir, randomCipher());
        signer.importKey("hot", HARDHAT_1_KEY);
        assertThat(signer.importKey("hot", "0x" + "11".repeat(32))).isFalse();
        assertThat(Keys.toChecksumAddress(Keys.getAddress(Numeric.toBigInt(signer.publicKey("hot")))))
                .isEqualTo("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"); // still the first key
        LocalKeystoreSigner stranger = new LocalKeystoreSigner(dir, randomCipher());
        assertThatThrownBy(() -> stranger.publicKey("hot")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void childrenOfAnXprvAreTheKeysOfTheMatchingXpubsAddresses() {
        LocalKeystoreSigner signer = new LocalKeystoreSigner(dir, randomCipher());
        Bip32ECKeyPair account = TestKeys.evmAccount();
        signer.importKey("deposits", TestKeys.xprv(account));
        for (int i = 0; i < 3; i++) {
            Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(account, new int[] {0, i});
            assertThat(Numeric.toBigInt(signer.publicKey("deposits/0/" + i))).isEqualTo(child.getPublicKey());
        }
    }

    @Test
    void refusesWhatIsNotAKeyAndUnsafeIds() {
        LocalKeystoreSigner signer = new LocalKeystoreSigner(dir, randomCipher());
        assertThatThrownBy(() -> signer.importKey("hot", "not a key")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.importKey("../evil", HARDHAT_1_KEY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.publicKey("missing")).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.toFile().list()).isEmpty();
    }
}
