package io.apay.common.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept at rest (app client secrets, device keys, TOTP seeds) with AES-256-GCM under the
 * platform's data key ({@code apay.crypto.secret-key}, 32 bytes in base64, from the environment or a k8s Secret;
 * never in git). Stored form: {@code v1:<base64(iv || ciphertext+tag)>}. The {@code context} (e.g. the row's id)
 * is bound as associated data, so a ciphertext copied to another row does not decrypt.
 */
public final class SecretCipher {

    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    /** A separate key for {@link #digest}, derived from the data key, so no key serves two algorithms. */
    private final SecretKeySpec digestKey;

    private SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("apay.crypto.secret-key must be 32 bytes (base64), got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.digestKey = new SecretKeySpec(hmac(new SecretKeySpec(key, "HmacSHA256"), "apay digest key v1"), "HmacSHA256");
    }

    /**
     * A keyed digest (HMAC-SHA256, hex) of a short secret that is only ever compared, never read back: a one-time
     * code has too few values for a plain hash (a million guesses find a 6-digit code from its SHA-256), but without
     * the data key its digest gives nothing away. {@code context} separates uses (e.g. {@code "sms-code"}).
     */
    public String digest(String secret, String context) {
        return java.util.HexFormat.of().formatHex(hmac(digestKey, context + "\n" + secret));
    }

    private static byte[] hmac(SecretKeySpec key, String text) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static SecretCipher fromBase64(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException("apay.crypto.secret-key is not set: generate one with `openssl rand -base64 32`");
        }
        return new SecretCipher(Base64.getDecoder().decode(base64Key.trim()));
    }

    public String encrypt(String plaintext, String context) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String stored, String context) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a v1 secret");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret cannot be decrypted (wrong key or context)", e);
        }
    }
}
