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

    private static HttpServer startRemote() {
        try {
            MeshAuth mesh = MeshAuth.of(KEY, null);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/rpc-api/remote/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                SEEN.add(mesh.verify(exchange.getRequestHeaders().getFirst(MeshAuth.HEADER), System.currentTimeMillis(),
                        exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestHeaders()));
                byte[] body = "{\"code\":0,\"message\":\"ok\",\"data\":\"pong\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
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
