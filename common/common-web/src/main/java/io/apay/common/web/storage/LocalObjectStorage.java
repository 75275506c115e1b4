package io.apay.common.web.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Files on the local disk, read through links signed with HMAC-SHA256 and an expiry:
 * {@code <publicBaseUrl>/<servicePath>/<key>?expires=<epoch seconds>&signature=<hex>}. The owning service serves
 * them ({@link LocalFileController}); the gateway routes {@code /files/<servicePath>/**} to it without app auth,
 * since the link itself is the credential.
 */
public class LocalObjectStorage implements ObjectStorage {

    private static final Pattern SAFE_KEY = Pattern.compile("[a-z0-9-]+(/[A-Za-z0-9_-]+)*/[A-Za-z0-9_-]+\\.[a-z0-9]{2,5}");

    private final Path root;
    private final String publicBase;
    private final String servicePath;
    private final byte[] signingKey;
    private final Clock clock;

    public LocalObjectStorage(Path root, String publicBaseUrl, String servicePath, byte[] signingKey, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.publicBase = publicBaseUrl.replaceAll("/+$", "");
        this.servicePath = servicePath;
        this.signingKey = signingKey.clone();
        this.clock = clock;
    }

    public String servicePath() {
        return servicePath;
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        Path target = resolve(key).orElseThrow(() -> new IllegalArgumentException("unsafe storage key " + key));
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload", ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + key, e);
        }
    }

    @Override
    public URI temporaryUrl(String key, Duration ttl) {
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return URI.create(publicBase + "/" + servicePath + "/" + key + "?expires=" + expires + "&signature=" + sign(key, expires));
    }

    /** The file behind a link, if the link is genuine and not expired. */
    public Optional<Path> open(String key, long expires, String signature) {
        if (expires < clock.instant().getEpochSecond() || signature == null
                || !MessageDigest.isEqual(sign(key, expires).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return resolve(key).filter(Files::isRegularFile);
    }

    private Optional<Path> resolve(String key) {
        if (key == null || !SAFE_KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        Path p = root.resolve(key).normalize();
        return p.startsWith(root) ? Optional.of(p) : Optional.empty();
    }

    private String sign(String key, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((servicePath + "/" + key + "\n" + expires).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
