package io.apay.common.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.common.core.crypto.RsaKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RsaKeysTest {

    @TempDir
    Path dir;

    static KeyPair pair(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    static String privatePem(KeyPair kp) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Test
    void signaturesRoundTripAndOpensslAgrees() throws Exception {
        KeyPair kp = pair(2048);
        String data = "amount=100.00,merchantNo=M1,nonce=abc";
        String sig = RsaKeys.sign(RsaKeys.parsePrivate(privatePem(kp)), data);
        assertThat(RsaKeys.verify(RsaKeys.parsePublic(RsaKeys.toPem(kp.getPublic())), data, sig)).isTrue();
        assertThat(RsaKeys.verify(kp.getPublic(), data + "x", sig)).isFalse();
        assertThat(RsaKeys.verify(kp.getPublic(), data, "not base64!")).isFalse();

        // what a merchant does with openssl verifies here too
        Files.writeString(dir.resolve("key.pem"), privatePem(kp));
        Files.writeString(dir.resolve("data.txt"), data);
        Process p = new ProcessBuilder("sh", "-c", "openssl dgst -sha256 -sign key.pem data.txt | openssl base64 -A")
                .directory(dir.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String fromOpenssl = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(RsaKeys.verify(kp.getPublic(), data, fromOpenssl)).isTrue();
    }

    @Test
    void weakOrMalformedKeysAreRefused() throws Exception {
        assertThatThrownBy(() -> RsaKeys.parsePublic(RsaKeys.toPem(pair(1024).getPublic()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RsaKeys.parsePublic("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RsaKeys.parsePublic("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RsaKeys.fingerprint(pair(2048).getPublic())).hasSize(64);
    }
}
