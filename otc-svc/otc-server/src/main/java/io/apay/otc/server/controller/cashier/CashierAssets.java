package io.apay.otc.server.controller.cashier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The cashier page's static files, fingerprinted at start-up: each asset is served at
 * {@code /cashier/assets/<name>.<hash>.<ext>} (cacheable for a year: a new version has a new name), and
 * index.html, which is never cached, points at the current names. CDN-friendly without a build step.
 */
@Component
public class CashierAssets {

    /** One fingerprinted file. */
    public record Asset(String path, String contentType, byte[] content) {
    }

    /** The files index.html names as {@code {{name}}}, and their content types. */
    private static final Map<String, String> FILES = Map.of(
            "cashier.js", "text/javascript; charset=utf-8",
            "cashier.css", "text/css; charset=utf-8",
            "icon.svg", "image/svg+xml");

    private final Map<String, Asset> byPath = new LinkedHashMap<>();
    private final byte[] index;

    public CashierAssets() {
        String html = new String(read("cashier/index.html"), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            String name = file.getKey();
            byte[] content = read("cashier/" + name);
            String hash = HexFormat.of().formatHex(sha256(content)).substring(0, 12);
            int dot = name.lastIndexOf('.');
            String path = "/cashier/assets/" + name.substring(0, dot) + "." + hash + name.substring(dot);
            byPath.put(path, new Asset(path, file.getValue(), content));
            String placeholder = "{{" + name + "}}";
            if (!html.contains(placeholder)) {
                throw new IllegalStateException("cashier/index.html does not reference " + placeholder);
            }
            html = html.replace(placeholder, path);
        }
        if (html.contains("{{")) {
            throw new IllegalStateException("cashier/index.html references an asset that is not fingerprinted");
        }
        this.index = html.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] index() {
        return index;
    }

    public Asset asset(String path) {
        return byPath.get(path);
    }

    private static byte[] read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("missing cashier resource " + resource, e);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
