package io.apay.common.test;

import io.apay.common.core.security.MeshAuth;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * For a test (or bench) that calls a service directly, as the gateway or another service would: adds the mesh
 * credential ({@link MeshAuth}) over the request's method, path and {@code X-Apay-*} headers. In an
 * {@link ApayIntegrationTest} the key is {@link #testKey()} (every test context of a JVM gets it as
 * {@code apay.mesh.key}); an e2e mesh or a bench passes its own. Set the identity headers before signing.
 */
public final class MeshCredentials {

    private static final String TEST_KEY = newKey();

    private MeshCredentials() {
    }

    /** The mesh key of this JVM's test contexts: made at random once, never stored. */
    public static String testKey() {
        return TEST_KEY;
    }

    /** An HTTP client that signs every request it sends with {@link #testKey()}. */
    public static HttpClient signing(HttpClient http) {
        return signing(http, MeshCredentials::testKey);
    }

    /** A copy of the request with {@value MeshAuth#HEADER} set. */
    public static HttpRequest sign(HttpRequest request, String meshKey) {
        String auth = MeshAuth.of(meshKey, null).sign(System.currentTimeMillis(), request.method(), rawPath(request.uri()),
                request.headers().map());
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase(MeshAuth.HEADER))
                .header(MeshAuth.HEADER, auth).build();
    }

    /**
     * The {@value MeshAuth#HEADER} header line (for {@link RawHttp}) over this method, raw path and these header lines
     * ({@code "Name: value"}), under {@link #testKey()}.
     */
    public static String headerLine(String method, String rawPath, String... headerLines) {
        java.util.Map<String, java.util.List<String>> headers = new java.util.LinkedHashMap<>();
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new java.util.ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        return MeshAuth.HEADER + ": " + MeshAuth.of(TEST_KEY, null).sign(System.currentTimeMillis(), method, rawPath, headers);
    }

    /** An HTTP client that signs every request it sends with the key it reads at each send. */
    public static HttpClient signing(HttpClient http, Supplier<String> meshKey) {
        return new SigningClient(http, meshKey);
    }

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static String rawPath(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static final class SigningClient extends HttpClient {
        private final HttpClient http;
        private final Supplier<String> key;

        SigningClient(HttpClient http, Supplier<String> key) {
            this.http = http;
            this.key = key;
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
            return http.send(sign(request, key.get()), handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return http.sendAsync(sign(request, key.get()), handler);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> push) {
            return http.sendAsync(sign(request, key.get()), handler, push);
        }

        /** The WebSocket upgrade (a GET) is signed like any request, over the headers given to the builder. */
        @Override
        public WebSocket.Builder newWebSocketBuilder() {
            return new SigningWebSocketBuilder(http.newWebSocketBuilder(), key);
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return http.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return http.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return http.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return http.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return http.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return http.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return http.authenticator();
        }

        @Override
        public Version version() {
            return http.version();
        }

        @Override
        public Optional<Executor> executor() {
            return http.executor();
        }
    }

    private static final class SigningWebSocketBuilder implements WebSocket.Builder {
        private final WebSocket.Builder builder;
        private final Supplier<String> key;
        private final Map<String, List<String>> headers = new HashMap<>();

        SigningWebSocketBuilder(WebSocket.Builder builder, Supplier<String> key) {
            this.builder = builder;
            this.key = key;
        }

        @Override
        public WebSocket.Builder header(String name, String value) {
            headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            builder.header(name, value);
            return this;
        }

        @Override
        public WebSocket.Builder connectTimeout(Duration timeout) {
            builder.connectTimeout(timeout);
            return this;
        }

        @Override
        public WebSocket.Builder subprotocols(String mostPreferred, String... lesserPreferred) {
            builder.subprotocols(mostPreferred, lesserPreferred);
            return this;
        }

        @Override
        public CompletableFuture<WebSocket> buildAsync(URI uri, WebSocket.Listener listener) {
            builder.header(MeshAuth.HEADER, MeshAuth.of(key.get(), null).sign(System.currentTimeMillis(), "GET", rawPath(uri), headers));
            return builder.buildAsync(uri, listener);
        }
    }
}
