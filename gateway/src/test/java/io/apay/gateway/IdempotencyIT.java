package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.user.api.AdminSessions;
import io.apay.user.api.LoginTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The idempotency cache through the real gateway and Redis, in front of a stand-in user-svc: what it keeps at rest,
 * and what it records when the client is gone before the service answers.
 */
@ApayIntegrationTest
class IdempotencyIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Map<String, AtomicInteger> EFFECTS = new ConcurrentHashMap<>();
    static final Map<String, String> ANSWERED = new ConcurrentHashMap<>();
    static final Map<String, CountDownLatch> ARRIVED = new ConcurrentHashMap<>();
    static final HttpServer USER_SVC = startUserSvc();
    /** The gateway's own Redis user, so a test can refuse its writes for a moment without touching anyone else. */
    static final String REDIS_USER = "apay-idem-it-" + UUID.randomUUID();
    static final String REDIS_PASSWORD = UUID.randomUUID().toString();
    static final List<String> REFUSE_WRITES = List.of("-set", "-psetex", "-setex", "-del", "-unlink");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-svc[0].uri",
                () -> "http://127.0.0.1:" + USER_SVC.getAddress().getPort());
        redis("ACL", "SETUSER", REDIS_USER, "on", ">" + REDIS_PASSWORD, "~*", "&*", "+@all");
        registry.add("spring.data.redis.username", () -> REDIS_USER);
        registry.add("spring.data.redis.password", () -> REDIS_PASSWORD);
    }

    @LocalServerPort int port;
    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;
    @Autowired SecretCipher cipher;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        USER_SVC.stop(0);
        redis("ACL", "DELUSER", REDIS_USER);
    }

    /** One command to the loopback Redis as its default user; the first line of the reply. */
    static String redis(String... args) {
        try (Socket socket = new Socket("127.0.0.1", 6379)) {
            StringBuilder command = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
            socket.getOutputStream().write(command.toString().getBytes(StandardCharsets.UTF_8));
            String reply = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(reply).as(String.join(" ", args[0], args[1])).doesNotStartWith("-");
            return reply;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String operatorSession(long operatorId) {
        String token = UUID.randomUUID() + "." + UUID.randomUUID();
        var session = redisson.<String, String>getMap(keys.key(AdminSessions.DOMAIN, LoginTokens.hash(token)),
                org.redisson.client.codec.StringCodec.INSTANCE);
        long now = System.currentTimeMillis();
        session.putAll(Map.of("operatorId", Long.toString(operatorId), "roles", "SUPER_ADMIN", "issuedAt", Long.toString(now),
                "lastUsedAt", Long.toString(now)));
        session.expire(Duration.ofMinutes(5));
        return token;
    }

    HttpResponse<String> post(String path, String body, String token, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aResponseCarryingASecretIsNeverKeptReadableAndIsStillReplayed() throws Exception {
        String token = operatorSession(61);
        String key = "k-" + UUID.randomUUID();
        HttpResponse<String> first = post("/admin-api/user/secrets", "{\"reason\":\"new client\"}", token, key);
        assertThat(first.statusCode()).isEqualTo(200);
        String secret = MAPPER.readTree(first.body()).path("data").path("secret").asText();
        assertThat(secret).hasSizeGreaterThan(30);

        for (String stored : idempotencyValues()) {
            assertThat(stored).doesNotContain(secret);
            for (String encoded : base64Forms(secret)) {
                assertThat(stored).doesNotContain(encoded);
            }
        }
        HttpResponse<String> again = post("/admin-api/user/secrets", "{\"reason\":\"new client\"}", token, key);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(EFFECTS.get("/admin-api/user/secrets").get()).isEqualTo(1);
    }

    @Test
    void aRequestWhoseClientHungUpIsRecordedWhenTheServiceAnswersAndARepeatIsReplayed() throws Exception {
        String token = operatorSession(62);
        String key = "k-" + UUID.randomUUID();
        String body = "{\"amount\":\"5.00\"}";
        CountDownLatch arrived = ARRIVED.computeIfAbsent("/admin-api/user/slow-payouts", k -> new CountDownLatch(1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /admin-api/user/slow-payouts HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/json\r\nAuthorization: Bearer " + token + "\r\nIdempotency-Key: " + key + "\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the request reached the service").isTrue();
        } // the client hangs up while the service is still working on it

        // the service finishes a moment later; the same key then answers what the service answered, without running again
        HttpResponse<String> repeat = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            repeat = post("/admin-api/user/slow-payouts", body, token, key);
            if (repeat.statusCode() != 409) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(repeat.body()).isEqualTo(ANSWERED.get("/admin-api/user/slow-payouts"));
        assertThat(EFFECTS.get("/admin-api/user/slow-payouts").get()).isEqualTo(1);
    }

    @Test
    void anUnencryptedEntryPlantedInRedisIsNeverReplayed() throws Exception {
        String token = operatorSession(63);
        String key = "k-" + UUID.randomUUID();
        String body = "{\"reason\":\"planted\"}";
        assertThat(post("/admin-api/user/secrets", body, token, key).statusCode()).isEqualTo(200);
        // whoever can write Redis replaces the entry with plain JSON: same fingerprint, an answer of their choosing
        var bucket = redisson.<String>getBucket(keys.key("idem", "operator:63", key), org.redisson.client.codec.StringCodec.INSTANCE);
        var real = MAPPER.readTree(cipher.decrypt(bucket.get(), bucket.getName()));
        String planted = "{\"code\":0,\"data\":{\"secret\":\"planted-by-someone-else\"}}";
        bucket.set(MAPPER.writeValueAsString(Map.of("state", "consumed", "fingerprint", real.path("fingerprint").asText(),
                "status", 200, "contentType", "application/json",
                "body", Base64.getEncoder().encodeToString(planted.getBytes(StandardCharsets.UTF_8)))), Duration.ofMinutes(5));

        HttpResponse<String> again = post("/admin-api/user/secrets", body, token, key);
        assertThat(again.body()).doesNotContain("planted-by-someone-else");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.statusCode()).as(again.body()).isEqualTo(500);
    }

    @Test
    void anAnswerTooLargeToKeepIsDeliveredWholeAndARepeatGetsAClearCodeWithoutRunningAgain() throws Exception {
        String token = operatorSession(64);
        String key = "k-" + UUID.randomUUID();
        HttpResponse<String> first = post("/admin-api/user/big-exports", "{}", token, key);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo(ANSWERED.get("/admin-api/user/big-exports"));
        assertThat(first.body().length()).isGreaterThan(1024 * 1024);

        HttpResponse<String> again = post("/admin-api/user/big-exports", "{}", token, key);
        assertThat(again.statusCode()).as(again.body().substring(0, Math.min(300, again.body().length()))).isEqualTo(409);
        assertThat(MAPPER.readTree(again.body()).get("code").asInt()).isEqualTo(11093);
        assertThat(EFFECTS.get("/admin-api/user/big-exports").get()).isEqualTo(1);
    }

    @Test
    void anAnswerWhoseRecordingMeetsARedisBlipIsStillRecordedAndReplayed() throws Exception {
        String token = operatorSession(65);
        String key = "k-" + UUID.randomUUID();
        // the stand-in refuses the gateway's Redis writes for 600 ms while it answers (see startUserSvc)
        HttpResponse<String> first = post("/admin-api/user/blip-payouts", "{}", token, key);
        assertThat(first.statusCode()).isEqualTo(200);
        Thread.sleep(700);
        HttpResponse<String> again = post("/admin-api/user/blip-payouts", "{}", token, key);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(EFFECTS.get("/admin-api/user/blip-payouts").get()).isEqualTo(1);
    }

    /** Every value the idempotency cache holds under this test's prefix, bytes read as Latin-1 (secrets are ASCII). */
    private List<String> idempotencyValues() {
        List<String> values = new ArrayList<>();
        redisson.getKeys().getKeysStreamByPattern(keys.key("idem") + ":*").forEach(k -> {
            byte[] v = (byte[]) redisson.getBucket(k, ByteArrayCodec.INSTANCE).get();
            values.add(k + "=" + (v == null ? "" : new String(v, StandardCharsets.ISO_8859_1)));
        });
        assertThat(values).isNotEmpty();
        return values;
    }

    /** The secret as it appears inside any base64 text that encodes it, whatever its offset there. */
    static List<String> base64Forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        List<String> forms = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            int whole = (bytes.length - offset) / 3 * 3;
            byte[] part = java.util.Arrays.copyOfRange(bytes, offset, offset + whole);
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(part));
        }
        return forms;
    }

    /** The stand-in user-svc: a write that answers a fresh secret, a slow write, a 1.5 MB answer; each counts its effects. */
    private static HttpServer startUserSvc() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                exchange.getRequestBody().readAllBytes();
                EFFECTS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                ARRIVED.computeIfAbsent(path, p -> new CountDownLatch(1)).countDown();
                if (path.endsWith("/blip-payouts")) {
                    // the gateway's writes are refused until 600 ms from now: the recording of this answer meets it
                    List<String> refuse = new ArrayList<>(List.of("ACL", "SETUSER", REDIS_USER));
                    refuse.addAll(REFUSE_WRITES);
                    redis(refuse.toArray(String[]::new));
                    CompletableFuture.delayedExecutor(600, TimeUnit.MILLISECONDS).execute(() ->
                            redis("ACL", "SETUSER", REDIS_USER, "+@all"));
                }
                if (path.endsWith("/slow-payouts")) {
                    try {
                        Thread.sleep(1500); // the client hangs up meanwhile
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                String data = path.endsWith("/secrets")
                        ? "{\"keyId\":\"k1\",\"secret\":\"" + UUID.randomUUID() + UUID.randomUUID() + "\"}"
                        : path.endsWith("/big-exports") ? "\"" + "x".repeat(1536 * 1024) + UUID.randomUUID() + "\""
                        : "{\"payoutId\":\"" + UUID.randomUUID() + "\"}";
                String answer = "{\"code\":0,\"message\":\"ok\",\"data\":" + data + "}";
                ANSWERED.put(path, answer);
                StandIn.answerJson(exchange, 200, answer);
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
