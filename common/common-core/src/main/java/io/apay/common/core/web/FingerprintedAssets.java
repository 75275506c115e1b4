package io.apay.common.core.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;

/**
 * A static page's files, fingerprinted at start-up with no build step: index.html names each asset as
 * {@code {{name}}} (a path under the page's classpath folder); each is served at
 * {@code <prefix>assets/<name>.<hash>.<ext>}, cacheable for a year because a new version gets a new name, and
 * index.html, which is never cached, points at the current names. CDN-friendly. Used by the cashier page and the
 * operators' console.
 */
public final class FingerprintedAssets {

    /** One fingerprinted file. */
    public record Asset(String path, String contentType, byte[] content) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_./-]+)}}");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json");

    private final Map<String, Asset> byPath = new LinkedHashMap<>();
    private final byte[] index;

    /**
     * @param folder classpath folder holding index.html and its assets, e.g. {@code "cashier"}
     * @param prefix the page's URL, ending in a slash, e.g. {@code "/cashier/"}
     */
    public FingerprintedAssets(String folder, String prefix) {
        String html = new String(read(folder + "/index.html"), StandardCharsets.UTF_8);
        Matcher m = PLACEHOLDER.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (name.contains("..")) {
                throw new IllegalStateException(folder + "/index.html names an asset outside its folder: " + name);
            }
            int dot = name.lastIndexOf('.');
            String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
            if (type == null) {
                throw new IllegalStateException(folder + "/index.html names an asset of unknown type: " + name);
            }
            byte[] content = read(folder + "/" + name);
            String hash = HexFormat.of().formatHex(sha256(content)).substring(0, 12);
            String path = prefix + "assets/" + name.substring(0, dot) + "." + hash + name.substring(dot);
            byPath.put(path, new Asset(path, type, content));
            m.appendReplacement(out, Matcher.quoteReplacement(path));
        }
        m.appendTail(out);
        if (byPath.isEmpty()) {
            throw new IllegalStateException(folder + "/index.html names no asset");
        }
        if (out.indexOf("{{") >= 0) { // a mistyped placeholder would ship a page that loads nothing: refuse to start
            throw new IllegalStateException(folder + "/index.html has a placeholder that names no asset: "
                    + out.substring(out.indexOf("{{"), Math.min(out.length(), out.indexOf("{{") + 40)));
        }
        this.index = out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] index() {
        return index.clone();
    }

    /** The asset at this request path, or null. */
    public Asset asset(String path) {
        return byPath.get(path);
    }

    private static byte[] read(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("missing static resource " + resource, e);
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
