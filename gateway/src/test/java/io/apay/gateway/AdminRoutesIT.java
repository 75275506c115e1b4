package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** /admin-api/** through the real gateway and Redis, in front of a stand-in user-svc that echoes what it gets. */
@ApayIntegrationTest
class AdminRoutesIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    static final HttpServer USER_SVC = startEcho();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-svc[0].uri",
                () -> "http://127.0.0.1:" + USER_SVC.getAddress().getPort());
    }

    @LocalServerPort int port;
    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        RECEIVED.clear();
    }

    @AfterAll
    static void stop() {
        USER_SVC.stop(0);
    }

    String operatorSession(long operatorId, String roles, long issuedAt) {
        String token = UUID.randomUUID() + "." + UUID.randomUUID();
        var session = redisson.<String, String>getMap(keys.key(AdminSessions.DOMAIN, LoginTokens.hash(token)), StringCodec.INSTANCE);
        session.putAll(Map.of("operatorId", Long.toString(operatorId), "roles", roles, "issuedAt", Long.toString(issuedAt),
                "lastUsedAt", Long.toString(issuedAt)));
        session.expire(Duration.ofMinutes(5));
        return token;
    }

    String appUserToken(long userId) {
        String token = UUID.randomUUID().toString();
        var record = redisson.<String, String>getMap(keys.key(LoginTokens.TOKEN_DOMAIN, LoginTokens.hash(token)), StringCodec.INSTANCE);
        record.putAll(Map.of("userId", Long.toString(userId), "deviceId", "d", "deviceName", "d", "issuedAt", "1", "lastUsedAt", "1"));
        record.expire(LoginTokens.TTL);
        return token;
    }

    HttpResponse<String> call(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    int code(HttpResponse<String> r) throws Exception {
        return MAPPER.readTree(r.body()).path("code").asInt();
    }

    @Test
    void anAppUsersTokenIsNotAnOperatorSession() throws Exception {
        HttpResponse<String> r = call("GET", "/admin-api/user/users", null, Map.of("Authorization", "Bearer " + appUserToken(5)));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(code(r)).isEqualTo(11021);
        assertThat(call("GET", "/admin-api/user/users", null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void theVerifiedOperatorReachesTheServiceAndASpoofedOneNever() throws Exception {
        String token = operatorSession(42, "SUPPORT", System.currentTimeMillis());
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + token));
        headers.put("X-Apay-Operator-Id", "1");
        headers.put("X-Apay-Operator-Roles", "SUPER_ADMIN");
        headers.put("X-Apay-User-Id", "7");
        assertThat(call("GET", "/admin-api/user/users", null, headers).statusCode()).isEqualTo(200);
        JsonNode seen = RECEIVED.get(0).get("headers");
        assertThat(seen.get("x-apay-operator-id").asText()).isEqualTo("42");
        assertThat(seen.get("x-apay-operator-roles").asText()).isEqualTo("SUPPORT");
        assertThat(seen.has("x-apay-user-id")).isFalse();
        assertThat(seen.has("authorization")).isFalse();
    }

    @Test
    void sessionsSlideForThirtyMinutesButEndTwelveHoursAfterLogin() throws Exception {
        String fresh = operatorSession(43, "FINANCE", System.currentTimeMillis());
        assertThat(call("GET", "/admin-api/user/users", null, Map.of("Authorization", "Bearer " + fresh)).statusCode()).isEqualTo(200);
        long ttl = redisson.getBucket(keys.key(AdminSessions.DOMAIN, LoginTokens.hash(fresh))).remainTimeToLive();
        assertThat(ttl).isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(30).toMillis());

        String almostOld = operatorSession(44, "FINANCE", System.currentTimeMillis() - Duration.ofHours(12).minusMinutes(5).toMillis());
        assertThat(call("GET", "/admin-api/user/users", null, Map.of("Authorization", "Bearer " + almostOld)).statusCode()).isEqualTo(200);
        assertThat(redisson.getBucket(keys.key(AdminSessions.DOMAIN, LoginTokens.hash(almostOld))).remainTimeToLive())
                .isLessThanOrEqualTo(Duration.ofMinutes(5).toMillis());

        String old = operatorSession(45, "FINANCE", System.currentTimeMillis() - Duration.ofHours(12).plusMinutes(1).toMillis());
        HttpResponse<String> r = call("GET", "/admin-api/user/users", null, Map.of("Authorization", "Bearer " + old));
        assertThat(code(r)).isEqualTo(11021);
        assertThat(redisson.getBucket(keys.key(AdminSessions.DOMAIN, LoginTokens.hash(old))).isExists()).isFalse();
    }

    @Test
    void adminWritesNeedAnIdempotencyKeyAndLoginNeedsNoSession() throws Exception {
        String token = operatorSession(46, "SUPER_ADMIN", System.currentTimeMillis());
        HttpResponse<String> noKey = call("POST", "/admin-api/user/operators", "{\"reason\":\"x\"}", Map.of("Authorization", "Bearer " + token));
        assertThat(code(noKey)).isEqualTo(11030);
        String key = "k-" + UUID.randomUUID();
        HttpResponse<String> first = call("POST", "/admin-api/user/operators", "{\"reason\":\"x\"}",
                Map.of("Authorization", "Bearer " + token, "Idempotency-Key", key));
        HttpResponse<String> again = call("POST", "/admin-api/user/operators", "{\"reason\":\"x\"}",
                Map.of("Authorization", "Bearer " + token, "Idempotency-Key", key));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(RECEIVED).hasSize(1);

        HttpResponse<String> login = call("POST", "/admin-api/user/auth/login", "{\"username\":\"root\"}",
                Map.of("Idempotency-Key", "k-" + UUID.randomUUID()));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(RECEIVED.get(1).get("headers").has("x-apay-operator-id")).isFalse();
    }

    private static HttpServer startEcho() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                ObjectNode seen = MAPPER.createObjectNode();
                seen.put("path", exchange.getRequestURI().toString());
                ObjectNode headers = seen.putObject("headers");
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                exchange.getRequestBody().readAllBytes();
                RECEIVED.add(seen);
                StandIn.answerJson(exchange, 200, ("{\"code\":0,\"message\":\"ok\",\"data\":\"" + UUID.randomUUID() + "\"}"));
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
