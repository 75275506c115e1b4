package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.trace.TraceIds;
import io.apay.common.test.ApayIntegrationTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real gateway in front of a stand-in "user-svc" that echoes what it receives. */
@ApayIntegrationTest
class GatewayIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    static final HttpServer ECHO = startEcho();
    static final int CLOSED_PORT = freePort();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-svc[0].uri",
                () -> "http://127.0.0.1:" + ECHO.getAddress().getPort());
        registry.add("spring.cloud.discovery.client.simple.instances.sms-svc[0].uri",
                () -> "http://127.0.0.1:" + CLOSED_PORT);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        RECEIVED.clear();
    }

    @AfterAll
    static void stopEcho() {
        ECHO.stop(0);
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void aRoutedRequestCarriesAFreshTraceIdAndNoSpoofedIdentity() throws Exception {
        String clientTrace = TraceIds.newId();
        HttpResponse<String> r = send(req("/health/user")
                .header("X-Apay-User-Id", "1").header("x-apay-operator-id", "2").header("X-APAY-MERCHANT-ID", "m1")
                .header("X-Apay-Client-Ip", "6.6.6.6").header(TraceIds.HEADER, clientTrace).GET());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode headers = RECEIVED.get(0).get("headers");
        assertThat(headers.has("x-apay-user-id")).isFalse();
        assertThat(headers.has("x-apay-operator-id")).isFalse();
        assertThat(headers.has("x-apay-merchant-id")).isFalse();
        assertThat(headers.get("x-apay-client-ip").asText()).isEqualTo("127.0.0.1");
        String traceId = headers.get("x-trace-id").asText();
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo(clientTrace);
        assertThat(r.headers().firstValue(TraceIds.HEADER)).contains(traceId);
    }

    @Test
    void internalRpcPathsAreNeverRouted() throws Exception {
        for (String path : List.of("/rpc-api/ledger/transfers", "/rpc-api", "/rpc-api/user/users/1")) {
            for (String method : List.of("GET", "POST")) {
                HttpResponse<String> r = send(req(path).method(method, HttpRequest.BodyPublishers.ofString("{}")));
                assertThat(r.statusCode()).as(method + " " + path).isEqualTo(404);
                JsonNode body = MAPPER.readTree(r.body());
                assertThat(body.get("code").asInt()).isEqualTo(10020);
                assertThat(body.get("traceId").asText()).matches("[0-9a-f]{32}");
            }
        }
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void pathsThatWouldNormaliseIntoAnInternalPathAreRefused() throws Exception {
        for (String path : List.of("/app-api/user/../../rpc-api/ledger/transfers", "/app-api/user/%2e%2e/%2e%2e/rpc-api/x",
                "/app-api/user/..%2f..%2frpc-api/x", "/app-api/user;x=1/../rpc-api", "/app-api/user//x",
                "/app-api/user/%252e%252e/rpc-api")) {
            HttpResponse<String> r = send(req(path).GET());
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(MAPPER.readTree(r.body()).get("code").asInt()).as(path).isIn(10002, 10020);
        }
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void unknownRoutesAnswerTheEnvelope() throws Exception {
        HttpResponse<String> r = send(req("/nowhere/at/all").GET());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(MAPPER.readTree(r.body()).get("code").asInt()).isEqualTo(10020);
        assertThat(r.body()).doesNotContain("Exception");
    }

    @Test
    void aServiceThatIsDownAnswers503WithTraceIdAndNoExceptionText() throws Exception {
        HttpResponse<String> r = send(req("/health/sms").GET());
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode body = MAPPER.readTree(r.body());
        assertThat(body.get("code").asInt()).isEqualTo(10503);
        assertThat(body.get("traceId").asText()).isEqualTo(r.headers().firstValue(TraceIds.HEADER).orElseThrow());
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("Connection refused").doesNotContain("127.0.0.1");
    }

    @Test
    void healthAndApiDocsOfEachServiceAreReachable() throws Exception {
        assertThat(send(req("/health/user").GET()).statusCode()).isEqualTo(200);
        assertThat(RECEIVED.get(0).get("path").asText()).isEqualTo("/actuator/health");
        assertThat(send(req("/api-docs/user-svc").GET()).statusCode()).isEqualTo(200);
        assertThat(RECEIVED.get(1).get("path").asText()).isEqualTo("/v3/api-docs");
        // the service's other actuator endpoints are not routed
        assertThat(send(req("/health/user/../../actuator/env").GET()).statusCode()).isEqualTo(400);
        assertThat(RECEIVED).hasSize(2);
    }

    @Test
    void oneSwaggerUiListsEveryService() throws Exception {
        HttpResponse<String> config = send(req("/v3/api-docs/swagger-config").GET());
        assertThat(config.statusCode()).isEqualTo(200);
        List<String> names = MAPPER.readTree(config.body()).get("urls").findValuesAsText("name");
        assertThat(names).containsExactlyInAnyOrder("user-svc", "sms-svc", "ledger-svc", "wallet-svc", "otc-svc",
                "chain-bridge-svc", "wealth-svc", "push-svc", "merchant-api-svc", "job-svc");
        HttpResponse<String> ui = http.send(req("/webjars/swagger-ui/index.html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void theGatewayItselfIsHealthy() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> r = send(req(path).GET());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(MAPPER.readTree(r.body()).get("status").asText()).isEqualTo("UP");
        }
    }

    private static HttpServer startEcho() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                ObjectNode seen = MAPPER.createObjectNode();
                seen.put("method", exchange.getRequestMethod());
                seen.put("path", exchange.getRequestURI().toString());
                ObjectNode headers = seen.putObject("headers");
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                RECEIVED.add(seen);
                StandIn.answerJson(exchange, 200, "{\"code\":0,\"message\":\"ok\"}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
