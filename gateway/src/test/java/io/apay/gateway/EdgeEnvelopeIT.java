package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.RawHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Whatever refuses a request at the gateway (the path guard, the HTTP decoder, CORS), the answer is the JSON
 * envelope with a code and a trace id, and nothing reaches the service.
 */
@ApayIntegrationTest
class EdgeEnvelopeIT {

    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static final HttpServer ECHO = startEcho();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-svc[0].uri",
                () -> "http://127.0.0.1:" + ECHO.getAddress().getPort());
    }

    @LocalServerPort int port;

    @BeforeEach
    void reset() {
        RECEIVED.clear();
    }

    @AfterAll
    static void stop() {
        ECHO.stop(0);
    }

    void assertRefused(String request, int status, int code) throws Exception {
        RawHttp.Reply r = RawHttp.send(port, request);
        String what = request.length() > 120 ? request.substring(0, 120) + "..." : request;
        assertThat(r.status()).as(what + " -> " + r.body()).isEqualTo(status);
        assertThat(r.header("content-type")).as(what).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body).as(what + " -> " + r.body()).isNotNull();
        assertThat(body.get("code").asInt()).as(what).isEqualTo(code);
        assertThat(body.path("traceId").asText()).as(what).matches("[0-9a-f]{32}").isEqualTo(r.header("x-trace-id"));
        assertThat(RECEIVED).as(what).isEmpty();
    }

    @Test
    void pathsWithEncodedControlCharactersOrMalformedUtf8AreRefusedByThePathGuard() throws Exception {
        for (String path : List.of("/health/user%00", "/health/user%00.json", "/app-api/user/%c0%af", "/app-api/user/%e0%80%af",
                "/app-api/user/%e2%82", "/app-api/user/%ff", "/health/user%0d%0aX-Injected:%201", "/health/user%7f",
                "/health/user%1b%5b31m", "/health/user%zz", "/health/user%2")) {
            assertRefused(RawHttp.get(path), 400, 10002);
        }
        // well-formed UTF-8 stays allowed
        RawHttp.Reply ok = RawHttp.send(port, RawHttp.get("/app-api/user/caf%c3%a9"));
        assertThat(ok.status()).isIn(200, 401);
    }

    @Test
    void anOversizedUrlIs414AndOversizedHeadersAre431() throws Exception {
        assertRefused(RawHttp.get("/health/user?q=" + "a".repeat(5_000)), 414, 10071);
        assertRefused(RawHttp.get("/health/user", "X-Big: " + "a".repeat(17_000)), 431, 10072);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add("X-Part-" + i + ": " + "b".repeat(1_000));
        }
        assertRefused(RawHttp.get("/health/user", many.toArray(String[]::new)), 431, 10072);
    }

    @Test
    void aMalformedRequestLineIs400() throws Exception {
        assertRefused("GET /health/user HTTP/9.x\r\nHost: x\r\nConnection: close\r\n\r\n", 400, 10002);
        assertRefused("GET\r\nHost: x\r\nConnection: close\r\n\r\n", 400, 10002);
    }

    @Test
    void aCorsRefusalIsTheEnvelopeWithItsCode() throws Exception {
        assertRefused(RawHttp.request("OPTIONS", "/app-api/user/profile", null, null, "Origin: https://evil.example",
                "Access-Control-Request-Method: POST"), 403, 11110);
        assertRefused(RawHttp.get("/health/user", "Origin: https://evil.example"), 403, 11110);
        // an allowed origin's preflight is still answered by CORS itself
        RawHttp.Reply allowed = RawHttp.send(port, RawHttp.request("OPTIONS", "/app-api/user/profile", null, null,
                "Origin: http://localhost:3000", "Access-Control-Request-Method: POST"));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.header("access-control-allow-origin")).isEqualTo("http://localhost:3000");
    }

    private static HttpServer startEcho() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                RECEIVED.add(exchange.getRequestURI().getRawPath());
                exchange.getRequestBody().readAllBytes();
                StandIn.answerJson(exchange, 200, "{\"code\":0,\"message\":\"ok\"}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
