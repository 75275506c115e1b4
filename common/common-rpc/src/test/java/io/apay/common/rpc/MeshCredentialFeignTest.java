package io.apay.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.security.MeshAuth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every Feign call carries the mesh credential, which the remote verifies over the method and path it received. */
@SpringBootTest(classes = RpcTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class MeshCredentialFeignTest {

    static final String KEY = newKey();
    static final List<MeshAuth.Result> SEEN = new CopyOnWriteArrayList<>();
    /** When set, the remote answers the next call 503 (as a service that is starting), then clears it. */
    static final AtomicBoolean UNAVAILABLE_ONCE = new AtomicBoolean();
    static final HttpServer REMOTE = startRemote();

    @DynamicPropertySource
    static void remote(DynamicPropertyRegistry registry) {
        registry.add("test.remote.url", () -> "http://127.0.0.1:" + REMOTE.getAddress().getPort());
        registry.add("apay.mesh.key", () -> KEY);
    }

    @Autowired RpcTestApp.RemoteApi remote;

    @AfterAll
    static void stop() {
        REMOTE.stop(0);
    }

    @Test
    void readsAndWritesCarryAValidCredential() {
        SEEN.clear();
        assertThat(remote.get(200).checkedData()).isEqualTo("pong");
        assertThat(remote.post(200, new RpcTestApp.Transfer("u2", "1.00")).checkedData()).isEqualTo("pong");
        assertThat(SEEN).containsExactly(MeshAuth.Result.VALID, MeshAuth.Result.VALID);
    }

    /** Feign retries a GET on the same request template, which then holds the absolute URL: the retry must still be signed over the path the remote receives. */
    @Test
    void aRetriedCallCarriesAValidCredential() {
        SEEN.clear();
        UNAVAILABLE_ONCE.set(true);
        assertThat(remote.get(503).checkedData()).isEqualTo("pong");
        assertThat(SEEN).containsExactly(MeshAuth.Result.VALID, MeshAuth.Result.VALID);
    }

    private static HttpServer startRemote() {
        try {
            MeshAuth mesh = MeshAuth.of(KEY, null);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/rpc-api/remote/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                MeshAuth.Result result = mesh.verify(exchange.getRequestHeaders().getFirst(MeshAuth.HEADER),
                        System.currentTimeMillis(), exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestHeaders());
                SEEN.add(result);
                // as a service's MeshAuthFilter does: a credential that does not verify is refused
                int status = result != MeshAuth.Result.VALID ? 401 : UNAVAILABLE_ONCE.getAndSet(false) ? 503 : 200;
                byte[] body = (status == 200 ? "{\"code\":0,\"message\":\"ok\",\"data\":\"pong\"}"
                        : "{\"code\":" + (status == 401 ? 10061 : 10503) + ",\"message\":\"refused\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }
}
