package io.apay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.MeshCredentials;
import io.apay.push.simulator.MonitorClient;
import io.apay.push.simulator.MonitorCredentials;
import io.apay.push.simulator.MonitorSigner;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The monitor's WebSocket handshake through the real gateway and push-svc (docs/monitor-protocol.md, "Connecting"):
 * a refusal is an HTTP answer with the documented code and no socket, a handshake is single-use, back-to-back
 * reconnects still connect, and a login token in the URL reaches neither push-svc nor a log.
 */
class MonitorHandshakeIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Mesh mesh;
    static RedissonClient redis;
    static AppClient app;
    static long userId;
    static String token;

    @BeforeAll
    static void up() throws Exception {
        mesh = Mesh.start("gateway", "user-svc", "push-svc");
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:6379");
        redis = Redisson.create(config);
        // an app client, as an operator creates one (user-svc's internal endpoint, never routed by the gateway)
        HttpResponse<String> created = HTTP.send(MeshCredentials.sign(HttpRequest.newBuilder(URI.create(mesh.url("user-svc") + "/rpc-api/user/app-clients"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"keyId\":\"e2e-monitor\",\"name\":\"E2E monitor\"}")).build(), mesh.meshKey()),
                HttpResponse.BodyHandlers.ofString());
        JsonNode data = AppClient.MAPPER.readTree(created.body()).get("data");
        app = new AppClient(mesh.gateway(), data.get("keyId").asText(), data.get("secret").asText());
        userId = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000_000L);
        token = loginToken(userId);
        app.token = token;
    }

    @AfterAll
    static void down() {
        if (redis != null) {
            redis.getKeys().deleteByPattern(mesh.redisPrefix() + "*");
            redis.shutdown();
        }
        if (mesh != null) {
            mesh.close();
        }
    }

    /** A login token as user-svc stores it (LoginTokens): what the gateway verifies. */
    static String loginToken(long userId) throws Exception {
        String token = UUID.randomUUID() + "." + UUID.randomUUID();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        var record = redis.<String, String>getMap(mesh.redisPrefix() + "login-token:" + hash, StringCodec.INSTANCE);
        long now = System.currentTimeMillis();
        record.putAll(Map.of("userId", Long.toString(userId), "deviceId", "phone-1", "deviceName", "phone",
                "issuedAt", Long.toString(now), "lastUsedAt", Long.toString(now)));
        record.expire(Duration.ofHours(1));
        return token;
    }

    static MonitorCredentials newDevice() throws Exception {
        AppClient.Reply device = app.post("/app-api/push/devices", Map.of("name", "Redmi " + UUID.randomUUID().toString().substring(0, 6)));
        assertThat(device.status()).as(device.body().toString()).isEqualTo(201);
        return MonitorCredentials.viaGateway(userId, device.data().get("deviceId").asText(), device.data().get("deviceSecret").asText(), token);
    }

    static URI ws(String query) {
        return URI.create(mesh.gateway().replace("http", "ws") + "/ws/monitor" + query);
    }

    static String handshake(MonitorCredentials device, String secret, long ts) {
        return "deviceId=" + URLEncoder.encode(device.deviceId(), StandardCharsets.UTF_8) + "&ts=" + ts
                + "&sig=" + MonitorSigner.connect(secret, device.acceptorId(), device.deviceId(), ts);
    }

    record Refusal(int status, JsonNode body) {
    }

    /** The first text frame of an accepted upgrade, and the close code. */
    static final class FirstFrame implements WebSocket.Listener {
        final CompletableFuture<String> first = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            first.complete(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code);
            first.completeExceptionally(new IllegalStateException("closed " + code + " before a frame"));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(1006);
            first.completeExceptionally(error);
        }
    }

    /** An upgrade that must be refused with an HTTP answer: its status and envelope. Fails if a socket was opened. */
    static Refusal refused(URI uri, String bearer) throws Exception {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        FirstFrame listener = new FirstFrame();
        WebSocket ws;
        try {
            ws = b.buildAsync(uri, listener).get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return new Refusal(h.getResponse().statusCode(), AppClient.MAPPER.readTree(String.valueOf(h.getResponse().body())));
            }
            throw e;
        }
        Integer code = listener.closed.completeOnTimeout(-1, 10, TimeUnit.SECONDS).get();
        ws.abort();
        throw new AssertionError("the upgrade was answered 101 Switching Protocols (then closed with " + code + ") for " + uri);
    }

    static JsonNode welcome(URI uri, String bearer) throws Exception {
        FirstFrame listener = new FirstFrame();
        WebSocket ws = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + bearer).buildAsync(uri, listener).get(20, TimeUnit.SECONDS);
        try {
            return AppClient.MAPPER.readTree(listener.first.get(20, TimeUnit.SECONDS));
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        }
    }

    static void assertRefusal(Refusal r, int status, int code) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.body().path("code").asInt()).as(r.body().toString()).isEqualTo(code);
        assertThat(r.body().path("traceId").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void aRefusedHandshakeIsAnHttpAnswerWithItsDocumentedCodeAndNoSocket() throws Exception {
        MonitorCredentials device = newDevice();
        long now = System.currentTimeMillis();
        // parameters missing
        assertRefusal(refused(ws(""), token), 400, 19001);
        assertRefusal(refused(ws("?deviceId=" + device.deviceId()), token), 400, 19001);
        // the signature made with another secret
        assertRefusal(refused(ws("?" + handshake(device, "not-the-secret", now)), token), 401, 19003);
        // no login token, an unknown one
        assertRefusal(refused(ws("?" + handshake(device, device.deviceSecret(), now + 1)), null), 401, 11020);
        assertRefusal(refused(ws("?" + handshake(device, device.deviceSecret(), now + 2)), "unknown-token"), 401, 11021);
        assertRefusal(refused(ws("?token=unknown-token&" + handshake(device, device.deviceSecret(), now + 3)), null), 401, 11021);
        // the device revoked: the app learns it, and does not retry forever
        AppClient.Reply revoked = app.delete("/app-api/push/devices/" + device.deviceId());
        assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
        assertRefusal(refused(ws("?" + handshake(device, device.deviceSecret(), System.currentTimeMillis())), token), 401, 19002);
    }

    @Test
    void aHandshakeIsSingleUseAndBackToBackReconnectsConnect() throws Exception {
        MonitorCredentials device = newDevice();
        URI signed = ws("?" + handshake(device, device.deviceSecret(), System.currentTimeMillis()));
        assertThat(welcome(signed, token).path("type").asText()).isEqualTo("welcome");
        // the same (deviceId, ts) again, within its 5 minutes
        assertRefusal(refused(signed, token), 401, 19010);
        // a phone that reconnects at once, again and again, signs a new ts each time and always gets in
        for (int i = 0; i < 5; i++) {
            MonitorClient monitor = MonitorClient.connect(HTTP, ws(""), device, Duration.ofSeconds(20));
            assertThat(monitor.isWelcomed()).isTrue();
            monitor.close();
        }
    }

    @Test
    void aLoginTokenInTheUrlReachesNoServiceAndIsMaskedInTheGatewaysAccessLog() throws Exception {
        MonitorCredentials device = newDevice();
        // a client that cannot set headers: the token in the URL (the upgrade itself has no access log line)
        MonitorClient monitor = MonitorClient.connect(HTTP, ws("?token=" + token),
                new MonitorCredentials(userId, device.deviceId(), device.deviceSecret(), null, false), Duration.ofSeconds(20));
        assertThat(monitor.isWelcomed()).isTrue();
        monitor.close();
        // refused (a wrong signature): an HTTP answer, which the access log records
        long ts = System.currentTimeMillis();
        int logged = Files.readString(mesh.log("gateway")).length(); // (other tests' refusals are logged alike)
        assertRefusal(refused(ws("?token=" + token + "&" + handshake(device, "not-the-secret", ts)), null), 401, 19003);
        String masked = "\"GET /ws/monitor?token=****&deviceId=****&ts=****&sig=**** HTTP/1.1\" 401 ";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String log;
        do {
            Thread.sleep(200);
            log = Files.readString(mesh.log("gateway"));
        } while (!log.substring(logged).contains(masked) && System.nanoTime() < deadline);
        assertThat(log.substring(logged)).as("the gateway's access log line of the refused upgrade").contains(masked);
        assertThat(log).doesNotContain(token);
        assertThat(Files.readString(mesh.log("push-svc"))).doesNotContain(token);
    }
}
