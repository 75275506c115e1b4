package io.apay.merchant.service.callback;

import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.net.IpRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One HTTP attempt of a callback: POST the signed body, and read the answer. Acknowledged means a 2xx whose body
 * is {@code success}. No redirects are followed. The notify URL's host is resolved once; unless private targets are
 * allowed, every address it has must be public, and the connection goes to an address that was checked (a second
 * DNS answer, as in a rebinding attack, is never asked for).
 */
public class CallbackSender {

    /** What one attempt saw. */
    public record Outcome(Integer httpStatus, long latencyMs, String responseSnippet, String error, boolean acknowledged) {
    }

    /**
     * How much of a receiver's answer is kept and shown (the attempt log, the test endpoint): a status and a short
     * printable snippet, so a notify URL can't be used to read other hosts' pages through the platform.
     */
    static final int SNIPPET_CHARS = 64;
    /** Enough to see whether the answer is {@code success} (with some whitespace) and to cut a snippet. */
    private static final int MAX_BODY = 1024;

    private final CallbackProperties props;
    private final HostResolver resolver;

    public CallbackSender(CallbackProperties props, HostResolver resolver) {
        this.props = props;
        this.resolver = resolver;
    }

    public Outcome send(String notifyUrl, String body, String signature, String keyFingerprint) {
        long start = System.nanoTime();
        try {
            URI uri = URI.create(notifyUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return failed(start, "invalid notify URL");
            }
            InetAddress[] addresses;
            try {
                addresses = resolver.resolve(bare(uri.getHost()));
            } catch (UnknownHostException e) {
                return failed(start, "unknown host");
            }
            if (addresses.length == 0 || !props.isAllowPrivateTargets() && Stream.of(addresses).anyMatch(CallbackSender::isInternal)) {
                return new Outcome(null, 0, null, "notify URL points at a private address", false);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json; charset=utf-8");
            headers.put("X-Signature", signature);
            headers.put("X-Signature-Algorithm", RsaKeys.ALGORITHM);
            headers.put("X-Platform-Key-Fingerprint", keyFingerprint);
            headers.put("User-Agent", "apay-callback/1");
            PinnedPost.Response response = PinnedPost.post(uri, addresses[0], headers, body.getBytes(StandardCharsets.UTF_8),
                    millis(props.getConnectTimeout().toMillis()), millis(props.getRequestTimeout().toMillis()), MAX_BODY);
            long ms = (System.nanoTime() - start) / 1_000_000;
            String text = new String(response.bodyPrefix(), StandardCharsets.UTF_8);
            boolean ack = response.status() / 100 == 2 && !response.truncated() && text.trim().equals("success");
            return new Outcome(response.status(), ms, snippet(text), null, ack);
        } catch (PinnedPost.ConnectTimeout e) {
            return failed(start, "connect timeout");
        } catch (SocketTimeoutException e) {
            return failed(start, "timeout");
        } catch (IOException e) {
            return failed(start, "connection failed");
        } catch (IllegalArgumentException e) {
            return failed(start, "invalid notify URL");
        }
    }

    /** The start of an answer as plain printable ASCII: anything else (controls, escapes, bidi marks) becomes '?'. */
    static String snippet(String text) {
        StringBuilder s = new StringBuilder(SNIPPET_CHARS);
        text.codePoints().limit(SNIPPET_CHARS).forEach(c -> s.append(c >= 0x20 && c <= 0x7e ? (char) c : '?'));
        return s.toString();
    }

    private static Outcome failed(long start, String error) {
        return new Outcome(null, (System.nanoTime() - start) / 1_000_000, null, error, false);
    }

    private static int millis(long ms) {
        return (int) Math.max(1, Math.min(ms, Integer.MAX_VALUE));
    }

    /** An IPv6 literal comes bracketed in a URI. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Internal ranges the JDK's checks miss: IPv6 unique-local, carrier-grade NAT, "this network". */
    private static final List<IpRange> OTHER_INTERNAL = Stream.of("fc00::/7", "100.64.0.0/10", "0.0.0.0/8").map(IpRange::parse).toList();

    static boolean isInternal(InetAddress a) {
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || OTHER_INTERNAL.stream().anyMatch(r -> r.contains(a.getHostAddress()));
    }
}
