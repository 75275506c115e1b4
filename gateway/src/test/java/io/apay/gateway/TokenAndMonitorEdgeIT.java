package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.user.api.AdminSessions;
import io.apay.user.api.LoginTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tokens in URLs and the monitor's upgrade, through the real gateway and Redis, in front of a stand-in push-svc and
 * user-svc that record what reaches them: an operator session token is never taken from the URL, a login token in
 * the URL is neither forwarded nor logged, and a monitor handshake push-svc refuses is an HTTP answer, not a 101.
 */
@ApayIntegrationTest
class TokenAndMonitorEdgeIT {

    static {
        // what an operator does to get access logs: they must not show a token either way
        System.setProperty("reactor.netty.http.server.accessLogEnabled", "true");
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    static volatile int checkStatus = 200;
    static volatile long checkDelayMillis = 0;
    static volatile String checkAnswer = "{\"code\":0,\"message\":\"ok\",\"data\":{\"ticket\":\"t-1\"}}";
    static final HttpServer UPSTREAM = startUpstream();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        for (String service : List.of("push-svc", "user-svc", "otc-svc")) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri",
                    () -> "http://127.0.0.1:" + UPSTREAM.getAddress().getPort());
        }
    }

    @LocalServerPort int port;
    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;
    final HttpClient http = HttpClient.newHttpClient();
    final ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

    @BeforeEach
    void reset() {
        RECEIVED.clear();
        checkStatus = 200;
        checkDelayMillis = 0;
        checkAnswer = "{\"code\":0,\"message\":\"ok\",\"data\":{\"ticket\":\"t-1\"}}";
        Logger logger = (Logger) LoggerFactory.getLogger("reactor.netty.http.server.AccessLog");
        logger.setLevel(Level.INFO);
        accessLog.start();
        logger.addAppender(accessLog);
    }

    @AfterEach
    void detach() {
        ((Logger) LoggerFactory.getLogger("reactor.netty.http.server.AccessLog")).detachAppender(accessLog);
    }

    @AfterAll
    static void stop() {
        UPSTREAM.stop(0);
    }

    String operatorSession(long operatorId) {
        String token = UUID.randomUUID() + "." + UUID.randomUUID();
        var session = redisson.<String, String>getMap(keys.key(AdminSessions.DOMAIN, LoginTokens.hash(token)), StringCodec.INSTANCE);
        long now = System.currentTimeMillis();
        session.putAll(Map.of("operatorId", Long.toString(operatorId), "roles", "SUPPORT", "issuedAt", Long.toString(now),
                "lastUsedAt", Long.toString(now)));
        session.expire(Duration.ofMinutes(5));
        return token;
    }

    String loginToken(long userId) {
        String token = UUID.randomUUID().toString();
        var record = redisson.<String, String>getMap(keys.key(LoginTokens.TOKEN_DOMAIN, LoginTokens.hash(token)), StringCodec.INSTANCE);
        record.putAll(Map.of("userId", Long.toString(userId), "deviceId", "d", "deviceName", "d", "issuedAt", "1", "lastUsedAt", "1"));
        record.expire(Duration.ofMinutes(5));
        return token;
    }

    List<JsonNode> received(String pathPrefix) {
        return RECEIVED.stream().filter(r -> r.get("path").asText().startsWith(pathPrefix)).toList();
    }

    @Test
    void anOperatorSessionTokenInTheUrlIsRefusedAndNeverForwarded() throws Exception {
        String token = operatorSession(42);
        for (String path : List.of("/admin-api/user/users?token=" + token, "/admin-api/user/auth/login?token=" + token)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(MAPPER.readTree(r.body()).path("code").asInt()).as(path).isEqualTo(11090);
        }
        // with the header as well: the URL still must not carry it
        HttpResponse<String> both = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin-api/user/users?token=" + token))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(RECEIVED).isEmpty();
        // the header alone is the way
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin-api/user/users"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
    }

    @Test
    void theMonitorsLoginTokenInTheUrlReachesNeitherPushSvcNorTheAccessLog() throws Exception {
        String token = loginToken(77);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/monitor?token=" + token + "&deviceId=md_x&ts=1764151200000&sig=ab");
        try {
            http.newWebSocketBuilder().header("X-Apay-Monitor-Ticket", "forged").buildAsync(uri, new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS).abort();
        } catch (ExecutionException e) {
            // the stand-in push-svc does not speak WebSocket: what matters is what reached it
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received("/ws/monitor").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50); // the gateway connects upstream after it answered the client
        }
        List<JsonNode> upgrades = received("/ws/monitor");
        assertThat(upgrades).hasSize(1);
        JsonNode upgrade = upgrades.get(0);
        assertThat(upgrade.get("path").asText()).isEqualTo("/ws/monitor?deviceId=md_x&ts=1764151200000&sig=ab");
        assertThat(upgrade.get("headers").get("x-apay-user-id").asText()).isEqualTo("77");
        assertThat(upgrade.get("headers").get("x-apay-monitor-ticket").asText()).isEqualTo("t-1");
        assertThat(upgrade.toString()).doesNotContain(token);
        // the handshake was checked by push-svc before the upgrade, with the verified acceptor
        JsonNode check = received("/rpc-api/push/monitor/handshake-check").get(0);
        assertThat(MAPPER.readTree(check.get("body").asText())).isEqualTo(MAPPER.readTree(
                "{\"acceptorId\":77,\"deviceId\":\"md_x\",\"ts\":\"1764151200000\",\"sig\":\"ab\"}"));
        assertThat(check.toString()).doesNotContain(token);

        // (Reactor Netty writes no access log line for an upgraded connection; a refused one is below)
        assertThat(accessLog.list).noneMatch(e -> e.getFormattedMessage().contains(token));
    }

    @Test
    void aHandshakePushSvcRefusesIsAnswered401WithItsCodeAndNoUpgrade() throws Exception {
        String token = loginToken(78);
        checkStatus = 401;
        checkAnswer = "{\"code\":19002,\"message\":\"unknown or revoked device\",\"traceId\":\"0123456789abcdef0123456789abcdef\"}";
        URI uri = URI.create("ws://127.0.0.1:" + port + "/ws/monitor?deviceId=md_revoked&ts=1764151200000&sig=ab");
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        try {
            WebSocket ws = http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(uri, new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                            closed.complete(statusCode);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            Integer code = closed.completeOnTimeout(-1, 5, TimeUnit.SECONDS).get();
            ws.abort();
            throw new AssertionError("upgraded with 101, then closed with " + code);
        } catch (ExecutionException e) {
            var refused = (WebSocketHandshakeException) e.getCause();
            assertThat(refused.getResponse().statusCode()).isEqualTo(401);
            JsonNode body = MAPPER.readTree(String.valueOf(refused.getResponse().body()));
            assertThat(body.path("code").asInt()).isEqualTo(19002);
            assertThat(body.path("traceId").asText()).matches("[0-9a-f]{32}");
        }
        assertThat(received("/ws/monitor")).isEmpty();

        // the same with the token in the URL: refused alike, and the access log shows every query value masked
        try {
            http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/monitor?token=" + token
                    + "&deviceId=md_revoked&ts=1764151200001&sig=ab"), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS).abort();
            throw new AssertionError("upgraded with 101");
        } catch (ExecutionException e) {
            assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401);
        }
        List<String> lines = awaitAccessLog("/ws/monitor?token=");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("GET /ws/monitor?token=****&deviceId=****&ts=****&sig=**** HTTP/1.1\" 401 ")
                .doesNotContain(token);
        assertThat(received("/ws/monitor")).isEmpty();
    }

    @Test
    void aHandshakeCheckPushSvcDoesNotAnswerInTimeIs504WithNoUpgrade() throws Exception {
        String token = loginToken(80);
        checkDelayMillis = 8_000;
        long start = System.nanoTime();
        try {
            http.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws/monitor?deviceId=md_slow&ts=1764151200000&sig=ab"),
                            new WebSocket.Listener() { }).get(15, TimeUnit.SECONDS).abort();
            throw new AssertionError("upgraded with 101");
        } catch (ExecutionException e) {
            var refused = (WebSocketHandshakeException) e.getCause();
            assertThat(refused.getResponse().statusCode()).isEqualTo(504);
            assertThat(MAPPER.readTree(String.valueOf(refused.getResponse().body())).path("code").asInt()).isEqualTo(10504);
        }
        // answered within the check's 3 s budget (and some slack), not when push-svc finally answers
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        assertThat(received("/ws/monitor")).isEmpty();
    }

    @Test
    void anAppLoginTokenInTheUrlIsMaskedInTheAccessLog() throws Exception {
        String token = loginToken(79);
        http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app-api/user/profile?a=1&token=" + token)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> lines = awaitAccessLog("/app-api/user/profile");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("GET /app-api/user/profile?a=****&token=**** ").doesNotContain(token);
    }

    @Test
    void cashierTokensAndFileLinkSignaturesAreMaskedInTheAccessLog() throws Exception {
        // a cashier token opens an order's payment page; a file link's signature opens an identity document
        String cashier = "Zq8" + UUID.randomUUID().toString().replace("-", "");
        String signature = "5f3a" + UUID.randomUUID().toString().replace("-", "");
        for (String target : List.of("/cashier/?o=" + cashier, "/cashier/api/orders/" + cashier,
                "/files/user/kyc/7/front.jpg?expires=1764151200&signature=" + signature)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(target).isEqualTo(200);
        }
        assertThat(awaitAccessLog("GET /cashier/?")).singleElement().asString().contains("GET /cashier/?o=**** HTTP/1.1\" 200 ");
        assertThat(awaitAccessLog("GET /cashier/api/orders/")).singleElement().asString()
                .contains("GET /cashier/api/orders/**** HTTP/1.1\" 200 ");
        assertThat(awaitAccessLog("GET /files/user/")).singleElement().asString()
                .contains("GET /files/user/kyc/7/front.jpg?expires=****&signature=**** HTTP/1.1\" 200 ");
        assertThat(accessLog.list).extracting(ILoggingEvent::getFormattedMessage).isNotEmpty()
                .noneMatch(m -> m.contains(cashier) || m.contains(signature));
    }

    List<String> awaitAccessLog(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            List<String> lines = accessLog.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(path)).toList();
            if (!lines.isEmpty() || System.nanoTime() > deadline) {
                return lines;
            }
            Thread.sleep(50);
        }
    }

    private static HttpServer startUpstream() {
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
                boolean check = exchange.getRequestURI().getPath().equals("/rpc-api/push/monitor/handshake-check");
                if (check && checkDelayMillis > 0) {
                    try {
                        Thread.sleep(checkDelayMillis); // a push-svc that hangs
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                StandIn.answerJson(exchange, check ? checkStatus : 200, (check ? checkAnswer : "{\"code\":0,\"message\":\"ok\"}"));
            });
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a hanging call blocks no other
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
