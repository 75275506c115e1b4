package io.apay.common.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.common.core.crypto.SecretCipher;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }

    @Test
    void roundTripsAndNeverStoresThePlaintext() {
        SecretCipher cipher = SecretCipher.fromBase64(newKey());
        String stored = cipher.encrypt("s3cret-value", "app_client:42");
        assertThat(stored).startsWith("v1:").doesNotContain("s3cret");
        assertThat(cipher.encrypt("s3cret-value", "app_client:42")).isNotEqualTo(stored); // random IV
        assertThat(cipher.decrypt(stored, "app_client:42")).isEqualTo("s3cret-value");
    }

    @Test
    void aCiphertextMovedToAnotherRowOrKeyDoesNotDecrypt() {
        String key = newKey();
        String stored = SecretCipher.fromBase64(key).encrypt("x", "app_client:1");
        assertThatThrownBy(() -> SecretCipher.fromBase64(key).decrypt(stored, "app_client:2")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SecretCipher.fromBase64(newKey()).decrypt(stored, "app_client:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMissingOrShortKeyIsRefused() {
        assertThatThrownBy(() -> SecretCipher.fromBase64("")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SecretCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDigestIsStableUnderOneKeyAndSaysNothingWithoutIt() {
        String key = newKey();
        String d = SecretCipher.fromBase64(key).digest("+8613900000001|LOGIN|123456", "sms-code");
        assertThat(d).matches("[0-9a-f]{64}");
        assertThat(SecretCipher.fromBase64(key).digest("+8613900000001|LOGIN|123456", "sms-code")).isEqualTo(d);
        assertThat(SecretCipher.fromBase64(key).digest("+8613900000001|LOGIN|123457", "sms-code")).isNotEqualTo(d);
        assertThat(SecretCipher.fromBase64(key).digest("+8613900000001|LOGIN|123456", "other-use")).isNotEqualTo(d);
        assertThat(SecretCipher.fromBase64(newKey()).digest("+8613900000001|LOGIN|123456", "sms-code")).isNotEqualTo(d);
    }
}
