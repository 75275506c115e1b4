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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * For a test (or bench) that calls a service directly, as the gateway or another service would: adds the mesh
 * credential ({@link MeshAuth}) over the request's method, path and {@code X-Apay-*} headers. The key is the test
 * context's {@code apay.mesh.key} (or the e2e mesh's). Set the identity headers before signing.
 */
public final class MeshCredentials {

    private MeshCredentials() {
    }

    /** A copy of the request with {@value MeshAuth#HEADER} set. */
    public static HttpRequest sign(HttpRequest request, String meshKey) {
        String auth = MeshAuth.of(meshKey, null).sign(System.currentTimeMillis(), request.method(), rawPath(request.uri()),
                request.headers().map());
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase(MeshAuth.HEADER))
                .header(MeshAuth.HEADER, auth).build();
    }

    /**
     * An HTTP client that signs every request it sends; the key is read at each send, so a test can pass
     * {@code () -> meshKey} of a field injected later.
     */
    public static HttpClient signing(HttpClient http, Supplier<String> meshKey) {
        return new SigningClient(http, meshKey);
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

        @Override
        public WebSocket.Builder newWebSocketBuilder() {
            return http.newWebSocketBuilder();
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
}
