package io.apay.merchant.service.callback;

import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.net.IpRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One HTTP attempt of a callback: POST the signed body, and read the answer. Acknowledged means a 2xx whose body
 * is {@code success}. No redirects are followed. The notify URL's host is resolved once; unless private targets are
 * allowed, every address it has must be public, and the connection goes to an address that was checked (a second
 * DNS answer, as in a rebinding attack, is never asked for): to each in turn until one accepts the connection. The
 * whole attempt - lookup, connections, exchange - ends within the request timeout; the lookup itself within the
 * connect timeout.
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
    /**
     * Lookups run here so that a hanging name server can be given up on (a JDK lookup cannot be interrupted): a few
     * threads (the callback pool has 4), never a queue; when all are busy - stuck on a name server, in practice - an
     * attempt fails as a lookup timeout, and the schedule tries it again.
     */
    private static final ExecutorService LOOKUPS = new ThreadPoolExecutor(0, 16, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "callback-dns");
        t.setDaemon(true);
        return t;
    });

    /** The name was not resolved in time. */
    private static final class LookupTimeout extends Exception {
        LookupTimeout() {
            super("DNS lookup timeout", null, false, false);
        }
    }

    private final CallbackProperties props;
    private final HostResolver resolver;

    public CallbackSender(CallbackProperties props, HostResolver resolver) {
        this.props = props;
        this.resolver = resolver;
    }

    public Outcome send(String notifyUrl, String body, String signature, String keyFingerprint) {
        long start = System.nanoTime();
        long deadline = start + props.getRequestTimeout().toNanos();
        try {
            URI uri = URI.create(notifyUrl);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return failed(start, "invalid notify URL");
            }
            InetAddress[] addresses;
            try {
                addresses = resolve(bare(uri.getHost()), Math.min(props.getConnectTimeout().toNanos(), deadline - System.nanoTime()));
            } catch (UnknownHostException e) {
                return failed(start, "unknown host");
            } catch (LookupTimeout e) {
                return failed(start, "DNS lookup timeout");
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
            PinnedPost.Response response = PinnedPost.post(uri, List.of(addresses), headers, body.getBytes(StandardCharsets.UTF_8),
                    millis(props.getConnectTimeout().toMillis()), deadline, MAX_BODY);
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

    private InetAddress[] resolve(String host, long timeoutNanos) throws UnknownHostException, LookupTimeout {
        if (timeoutNanos <= 0) {
            throw new LookupTimeout();
        }
        Future<InetAddress[]> lookup;
        try {
            lookup = LOOKUPS.submit(() -> resolver.resolve(host));
        } catch (RejectedExecutionException e) {
            throw new LookupTimeout(); // every lookup thread is busy
        }
        try {
            return lookup.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new LookupTimeout();
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new LookupTimeout();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(host);
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

    /** IPv4 ranges the JDK's checks miss: "this network", carrier-grade NAT, IETF assignments, benchmarking, reserved. */
    private static final List<IpRange> INTERNAL_V4 = ranges("0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "198.18.0.0/15", "240.0.0.0/4");
    /**
     * IPv6 ranges that are never a merchant's endpoint: unique-local, the deprecated IPv4-compatible ::/96 (with :: and
     * ::1), local-use NAT64, Teredo (tunnels to an address we can't check), discard-only.
     */
    private static final List<IpRange> INTERNAL_V6 = ranges("fc00::/7", "::/96", "64:ff9b:1::/48", "2001::/32", "100::/64");
    /** IPv6 ranges whose last 32 bits are an IPv4 address, which decides: NAT64, IPv4-translated. */
    private static final List<IpRange> V4_IN_LAST_32 = ranges("64:ff9b::/96", "::ffff:0:0:0/96");
    /** 6to4: the IPv4 address follows the 2002 prefix. */
    private static final IpRange SIX_TO_FOUR = IpRange.parse("2002::/16");

    static boolean isInternal(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return INTERNAL_V4.stream().anyMatch(r -> in(r, b));
        }
        if (INTERNAL_V6.stream().anyMatch(r -> in(r, b))) {
            return true;
        }
        if (V4_IN_LAST_32.stream().anyMatch(r -> in(r, b)) || ipv4Mapped(b)) {
            return isInternal(v4(b, 12));
        }
        return in(SIX_TO_FOUR, b) && isInternal(v4(b, 2));
    }

    /** ::ffff:a.b.c.d (the JDK turns most into an IPv4 address, but an Inet6Address can still hold one). */
    private static boolean ipv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static List<IpRange> ranges(String... cidrs) {
        return Stream.of(cidrs).map(IpRange::parse).toList();
    }

    private static boolean in(IpRange range, byte[] address) {
        byte[] net = range.network();
        if (net.length != address.length) {
            return false;
        }
        for (int i = 0; i < range.bits(); i++) {
            int mask = 0x80 >>> (i % 8);
            if ((address[i / 8] & mask) != (net[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte[] address, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(address, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }
}
