package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.test.ApayIntegrationTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as it runs on Kubernetes (cloud platform detected), behind an ingress whose pods are in trusted CIDR
 * blocks: this test's client (127.0.0.1) plays the ingress pod; the address a service and the admin allowlist see
 * is the right-most hop of X-Forwarded-For that is not a trusted proxy.
 */
@ApayIntegrationTest(properties = {"spring.main.cloud-platform=kubernetes",
        "apay.gateway.trusted-proxies=127.0.0.0/8,10.0.0.0/8,fd00::/8",
        "apay.gateway.security.admin-allowlist=198.51.100.0/24,2001:db8::/32"})
class ClientAddressIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    static final HttpServer ECHO = startEcho();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-svc[0].uri",
                () -> "http://127.0.0.1:" + ECHO.getAddress().getPort());
    }

    @LocalServerPort int port;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        RECEIVED.clear();
    }

    @AfterAll
    static void stop() {
        ECHO.stop(0);
    }

    HttpResponse<String> send(String method, String path, String forwardedFor) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString());
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String clientIpSeenByTheService(String forwardedFor) throws Exception {
        RECEIVED.clear();
        HttpResponse<String> r = send("GET", "/health/user", forwardedFor);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return RECEIVED.get(0).get("headers").path("x-apay-client-ip").asText(null);
    }

    @Test
    void theClientIsTheRightMostHopThatIsNotATrustedProxy() throws Exception {
        // spoofed left-most hops count for nothing; the ingress (10.x) and its peer proxy are skipped
        assertThat(clientIpSeenByTheService("6.6.6.6, 7.7.7.7, 198.51.100.23, 10.4.5.6")).isEqualTo("198.51.100.23");
        assertThat(clientIpSeenByTheService("198.51.100.23")).isEqualTo("198.51.100.23");
        assertThat(clientIpSeenByTheService("2001:db8::5, fd00::9")).isEqualTo("2001:db8:0:0:0:0:0:5");
        // no forwarded-for: the trusted peer itself
        assertThat(clientIpSeenByTheService(null)).isEqualTo("127.0.0.1");
    }

    @Test
    void theAdminAllowlistJudgesTheRealClientNotTheIngressNorASpoofedHop() throws Exception {
        // a client outside the allowlist that claims an allowed address in front of its own
        HttpResponse<String> spoofed = send("POST", "/admin-api/user/auth/login", "198.51.100.5, 203.0.113.9");
        assertThat(spoofed.statusCode()).isEqualTo(403);
        assertThat(MAPPER.readTree(spoofed.body()).get("code").asInt()).isEqualTo(11050);
        assertThat(RECEIVED).isEmpty();
        // an operator inside the allowlist, behind the ingress
        HttpResponse<String> allowed = send("POST", "/admin-api/user/auth/login", "203.0.113.9, 198.51.100.5, 10.0.0.7");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(RECEIVED.get(0).get("headers").get("x-apay-client-ip").asText()).isEqualTo("198.51.100.5");
    }

    @Test
    void aClientsConnectionHeaderCannotDropTheHeadersTheGatewaySigned() throws Exception {
        // hop-by-hop removal drops every header the Connection header names, after the gateway signed them
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /health/user HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Connection: close, X-Apay-Client-Ip, x-apay-auth, X-Trace-Id\r\nX-Forwarded-For: 198.51.100.23\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
        JsonNode headers = RECEIVED.get(0).get("headers");
        assertThat(headers.path("x-apay-client-ip").asText(null)).isEqualTo("198.51.100.23");
        assertThat(headers.path("x-apay-auth").asText(null)).isNotBlank();
        assertThat(headers.path("x-trace-id").asText(null)).isNotBlank();
    }

    private static HttpServer startEcho() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                ObjectNode seen = MAPPER.createObjectNode();
                ObjectNode headers = seen.putObject("headers");
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                exchange.getRequestBody().readAllBytes();
                RECEIVED.add(seen);
                StandIn.answerJson(exchange, 200, "{\"code\":0,\"message\":\"ok\"}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
