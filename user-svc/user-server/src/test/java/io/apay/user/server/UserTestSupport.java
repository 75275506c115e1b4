package io.apay.user.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.test.MeshCredentials;
import io.apay.common.test.MutableClock;
import io.apay.user.api.LoginTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * user-svc tests call it as the gateway would (identity headers set), with a hand-moved clock, files in a temp
 * dir, and a stand-in for sms-svc's verify endpoint that accepts the codes a test registers in {@link #SMS_CODES}.
 */
public abstract class UserTestSupport {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** phone|PURPOSE -> the code the stand-in sms-svc accepts (once). */
    static final Map<String, String> SMS_CODES = new ConcurrentHashMap<>();
    static final HttpServer SMS = startSms();
    static final Path FILES = tempDir();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.sms-svc[0].uri", () -> "http://127.0.0.1:" + SMS.getAddress().getPort());
        registry.add("apay.storage.local.root", FILES::toString);
        registry.add("apay.storage.local.public-base-url", () -> "http://gateway.test/files");
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.startingNow();
        }
    }

    @LocalServerPort
    int port;

    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    record Reply(int status, JsonNode body) {
        int code() {
            return body.path("code").asInt();
        }

        JsonNode data() {
            return body.path("data");
        }
    }

    /** Someone logged in, as the gateway describes them to services. */
    record Session(long userId, String token) {
        String tokenId() {
            return LoginTokens.hash(token);
        }
    }

    Reply call(String method, String path, String json, Session as) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (as != null) {
            b.header("X-Apay-User-Id", Long.toString(as.userId())).header("X-Apay-Token-Id", as.tokenId());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(r.body()));
    }

    /** An operator as the gateway passes it on: its id and its roles ("FINANCE,RISK"). */
    record Operator(long id, String roles) {
    }

    /** A call to the admin API as this operator (or with no operator identity at all when op is null). */
    Reply asOperator(String method, String path, String json, Operator op) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (op != null) {
            b.header("X-Apay-Operator-Id", Long.toString(op.id())).header("X-Apay-Operator-Roles", op.roles());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), MAPPER.readTree(r.body()));
    }

    Reply post(String path, String json, Session as) throws Exception {
        return call("POST", path, json, as);
    }

    Reply get(String path, Session as) throws Exception {
        return call("GET", path, null, as);
    }

    static String json(Object... kv) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return MAPPER.writeValueAsString(m);
    }

    Session register(String phone, String password, String deviceId) throws Exception {
        SMS_CODES.put(phone + "|REGISTER", "123456");
        Reply r = post("/app-api/user/auth/register",
                json("phone", phone, "smsCode", "123456", "password", password, "deviceId", deviceId, "deviceName", "Pixel 8"), null);
        if (r.status() != 200) {
            throw new AssertionError("register failed: " + r.body());
        }
        return new Session(r.data().get("userId").asLong(), r.data().get("token").asText());
    }

    private static HttpServer startSms() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/rpc-api/sms/codes/verify", exchange -> {
                JsonNode req = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
                String key = req.get("phone").asText() + "|" + req.get("purpose").asText();
                boolean ok = req.get("code").asText().equals(SMS_CODES.get(key)) && SMS_CODES.remove(key) != null;
                byte[] out = (ok ? "{\"code\":0,\"message\":\"ok\"}" : "{\"code\":13004,\"message\":\"wrong verification code\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(ok ? 200 : 400, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("apay-user-files");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
