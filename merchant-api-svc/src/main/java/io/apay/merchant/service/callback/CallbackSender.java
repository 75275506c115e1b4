package io.apay.merchant.service.callback;

import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.core.net.IpRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One HTTP attempt of a callback: POST the signed body, and read the answer. Acknowledged means a 2xx whose body
 * is {@code success}. No redirects are followed; private addresses are refused unless allowed.
 */
public class CallbackSender {

    /** What one attempt saw. */
    public record Outcome(Integer httpStatus, long latencyMs, String responseSnippet, String error, boolean acknowledged) {
    }

    private final HttpClient http;
    private final CallbackProperties props;

    public CallbackSender(CallbackProperties props) {
        this.props = props;
        this.http = HttpClient.newBuilder().connectTimeout(props.getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Outcome send(String notifyUrl, String body, String signature, String keyFingerprint) {
        long start = System.nanoTime();
        try {
            URI uri = URI.create(notifyUrl);
            if (!props.isAllowPrivateTargets() && isPrivate(uri.getHost())) {
                return new Outcome(null, 0, null, "notify URL points at a private address", false);
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(props.getRequestTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("X-Signature", signature)
                    .header("X-Signature-Algorithm", RsaKeys.ALGORITHM)
                    .header("X-Platform-Key-Fingerprint", keyFingerprint)
                    .header("User-Agent", "apay-callback/1")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long ms = (System.nanoTime() - start) / 1_000_000;
            byte[] bytes = response.body();
            String snippet = new String(Arrays.copyOf(bytes, Math.min(bytes.length, 256)), StandardCharsets.UTF_8);
            boolean ack = response.statusCode() / 100 == 2 && new String(bytes, StandardCharsets.UTF_8).trim().equals("success");
            return new Outcome(response.statusCode(), ms, snippet, null, ack);
        } catch (HttpConnectTimeoutException e) {
            return failed(start, "connect timeout");
        } catch (HttpTimeoutException e) {
            return failed(start, "timeout");
        } catch (IOException e) {
            return failed(start, "connection failed");
        } catch (IllegalArgumentException e) {
            return failed(start, "invalid notify URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(start, "interrupted");
        }
    }

    private static Outcome failed(long start, String error) {
        return new Outcome(null, (System.nanoTime() - start) / 1_000_000, null, error, false);
    }

    /** Internal ranges the JDK's checks miss: IPv6 unique-local, carrier-grade NAT, "this network". */
    private static final List<IpRange> OTHER_INTERNAL = Stream.of("fc00::/7", "100.64.0.0/10", "0.0.0.0/8").map(IpRange::parse).toList();

    static boolean isPrivate(String host) {
        if (host == null) {
            return true;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                        || a.isMulticastAddress() || OTHER_INTERNAL.stream().anyMatch(r -> r.contains(a.getHostAddress()))) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            return true;
        }
    }
}
