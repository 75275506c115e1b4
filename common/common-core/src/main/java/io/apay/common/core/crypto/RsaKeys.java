package io.apay.common.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * RSA keys as merchants and openssl write them (PEM: {@code BEGIN PUBLIC KEY} / {@code BEGIN PRIVATE KEY}) and
 * SHA256withRSA signatures (what {@code openssl dgst -sha256 -sign} makes), base64-encoded.
 */
public final class RsaKeys {

    public static final int MIN_BITS = 2048;
    public static final String ALGORITHM = "SHA256withRSA";

    private RsaKeys() {
    }

    /** A public key in PEM; {@link IllegalArgumentException} unless it is RSA of at least {@link #MIN_BITS} bits. */
    public static RSAPublicKey parsePublic(String pem) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
            RSAPublicKey rsa = (RSAPublicKey) key;
            if (rsa.getModulus().bitLength() < MIN_BITS) {
                throw new IllegalArgumentException("RSA key shorter than " + MIN_BITS + " bits");
            }
            return rsa;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not an RSA public key in PEM", e);
        }
    }

    /** A PKCS#8 private key in PEM ({@code openssl genpkey -algorithm RSA}). */
    public static PrivateKey parsePrivate(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 PEM", e);
        }
    }

    /** The key's SHA-256 fingerprint (of its DER encoding), lowercase hex: how keys are named in logs and docs. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String toPem(PublicKey key) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
    }

    public static String sign(PrivateKey key, String data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(key);
            s.update(data.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True if {@code base64Signature} is {@code key}'s SHA256withRSA signature of {@code data}. */
    public static boolean verify(PublicKey key, String data, String base64Signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] der(String pem, String type) {
        if (pem == null) {
            throw new IllegalArgumentException("no key");
        }
        String body = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "")
                .replaceAll("\\s", "");
        if (body.isEmpty() || body.contains("-")) {
            throw new IllegalArgumentException("expected a PEM " + type);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed PEM", e);
        }
    }
}
