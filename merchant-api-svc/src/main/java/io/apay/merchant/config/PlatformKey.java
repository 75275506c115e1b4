package io.apay.merchant.config;

import io.apay.common.core.crypto.RsaKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's RSA key pair of this environment: its private key signs callbacks to merchants, its public key
 * (downloadable at {@code /merchant-api/platform-key}) lets them verify. The private key is a PKCS#8 PEM file
 * ({@code apay.merchant.platform-key-file}, a mounted Secret in production); a local or test run may generate one.
 */
public final class PlatformKey {

    private static final Logger log = LoggerFactory.getLogger(PlatformKey.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private PlatformKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    public static PlatformKey load(Path file, boolean generateIfMissing) {
        try {
            if (!Files.exists(file)) {
                if (!generateIfMissing) {
                    throw new IllegalStateException("platform key " + file + " not found (apay.merchant.platform-key-file)");
                }
                generate(file);
            }
            PrivateKey priv = RsaKeys.parsePrivate(Files.readString(file));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) priv;
            PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new PlatformKey(priv, pub);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("platform key unusable", e);
        }
    }

    private static void generate(Path file) throws IOException, GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kp.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, pem);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to tighten
        }
        log.info("generated a platform key pair in {} (fingerprint {})", file, RsaKeys.fingerprint(kp.getPublic()));
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyPem() {
        return RsaKeys.toPem(publicKey);
    }

    public String fingerprint() {
        return RsaKeys.fingerprint(publicKey);
    }
}
