package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.security.MeshAuth;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.gateway.security.AppCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the gateway forwards, and what it asks services itself, carries the mesh credential over the method, the
 * path the service receives and the identity headers the gateway set: a stand-in user-svc checks it with the key.
 */
@ApayIntegrationTest
class MeshCredentialIT {

    /** What the stand-in saw: method, path, and whether the credential held. */
    record Seen(String method, String path, MeshAuth.Result result, String clientIp) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
    static volatile MeshAuth verifier;
    static final HttpServer USER_SVC = startUserSvc();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-svc[0].uri",
                () -> "http://127.0.0.1:" + USER_SVC.getAddress().getPort());
    }

    @LocalServerPort
    int port;

    @Value("${apay.mesh.key}")
    String meshKey;

    @Autowired
    AppCredentials appCredentials;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        verifier = MeshAuth.of(meshKey, null);
        SEEN.clear();
    }

    @AfterAll
    static void stop() {
        USER_SVC.stop(0);
    }

    @Test
    void aForwardedRequestIsSignedOverWhatTheServiceReceivesAndAClientCredentialIsReplaced() throws Exception {
        String forged = MeshAuth.of(meshKey, null).sign(System.currentTimeMillis(), "GET", "/actuator/health", java.util.Map.of());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/user"))
                .header(MeshAuth.HEADER, forged).header("X-Apay-User-Id", "1").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/files/user/kyc/a%20b.png"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(SEEN).containsExactly(
                new Seen("GET", "/actuator/health", MeshAuth.Result.VALID, "127.0.0.1"),
                new Seen("GET", "/files/user/kyc/a%20b.png", MeshAuth.Result.VALID, "127.0.0.1"));
    }

    @Test
    void theGatewaysOwnLookupsCarryItToo() {
        try {
            appCredentials.secretsOf("k-1").block();
        } catch (RuntimeException expected) {
            // the stand-in knows no app client: only what it received matters here
        }
        assertThat(SEEN).containsExactly(new Seen("GET", "/rpc-api/user/app-clients/k-1", MeshAuth.Result.VALID, null));
    }

    private static HttpServer startUserSvc() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                String path = exchange.getRequestURI().getRawPath();
                SEEN.add(new Seen(exchange.getRequestMethod(), path,
                        verifier.verify(exchange.getRequestHeaders().getFirst(MeshAuth.HEADER), System.currentTimeMillis(),
                                exchange.getRequestMethod(), path, exchange.getRequestHeaders()),
                        exchange.getRequestHeaders().getFirst("X-Apay-Client-Ip")));
                boolean found = !path.startsWith("/rpc-api");
                StandIn.answerJson(exchange, found ? 200 : 404,
                        found ? "{\"code\":0,\"message\":\"ok\"}" : "{\"code\":10020,\"message\":\"not found\"}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
