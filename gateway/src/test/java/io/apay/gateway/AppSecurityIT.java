package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.core.redis.RedisKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.AppSigner;
import io.apay.user.api.LoginTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app route's security through the real gateway and Redis: signature, login token, idempotency, rate limits,
 * CORS and size limits. A stand-in user-svc serves the app client's (encrypted) credentials and echoes every
 * other request, counting what reached it.
 */
@ApayIntegrationTest(properties = {
        "apay.gateway.security.rate-limits[0].name=login",
        "apay.gateway.security.rate-limits[0].path=/app-api/user/auth/login/**",
        "apay.gateway.security.rate-limits[0].per-ip=6",
        "apay.gateway.security.rate-limits[0].per-account=3",
        "apay.gateway.security.rate-limits[0].window=1m"})
class AppSecurityIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String APP_KEY = "test-app";
    static final String SECRET = "s3cr3t-shared-with-the-app-0123456789abcdef";
    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    static volatile SecretCipher cipher;
    static final HttpServer USER_SVC = startUserSvc();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-svc[0].uri",
                () -> "http://127.0.0.1:" + USER_SVC.getAddress().getPort());
    }

    @LocalServerPort int port;
    @Autowired SecretCipher contextCipher;
    @Autowired RedissonClient redisson;
    @Autowired RedisKeys keys;

    final HttpClient http = HttpClient.newHttpClient();
    final AppSigner signer = new AppSigner(APP_KEY, SECRET);

    @BeforeEach
    void reset() {
        cipher = contextCipher;
        RECEIVED.clear();
    }

    @AfterAll
    static void stop() {
        USER_SVC.stop(0);
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
        int code() {
            return body.path("code").asInt();
        }
    }

    Reply send(String method, AppSigner.Signed s, Map<String, String> headers) throws Exception {
        return send(method, s.pathAndQuery(), s.body(), headers);
    }

    Reply send(String method, String pathAndQuery, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && body.length > 0) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(r.body()), r);
    }

    /** A login token for {@code userId}, stored the way user-svc stores it. */
    String login(long userId) {
        String token = UUID.randomUUID() + "-" + UUID.randomUUID();
        String id = LoginTokens.hash(token);
        var record = redisson.<String, String>getMap(keys.key(LoginTokens.TOKEN_DOMAIN, id), StringCodec.INSTANCE);
        record.putAll(Map.of("userId", Long.toString(userId), "deviceId", "phone-1", "deviceName", "Pixel",
                "issuedAt", "1", "lastUsedAt", "1"));
        record.expire(LoginTokens.TTL);
        redisson.getScoredSortedSet(keys.key(LoginTokens.USER_TOKENS_DOMAIN, userId), StringCodec.INSTANCE).add(1, id);
        return token;
    }

    Map<String, String> auth(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    Map<String, String> authAndKey(String token, String key) {
        return Map.of("Authorization", "Bearer " + token, "Idempotency-Key", key);
    }

    // ---------------------------------------------------------------- signature

    @Test
    void aCorrectlySignedRequestPassesAndTheServiceGetsTheWholeBody() throws Exception {
        String token = login(101);
        String body = "{\"amount\":\"100.03\",\"memo\":\"coffee, two sugars\",\"meta\":{\"z\":\"1\",\"a\":\"2\"},\"count\":3}";
        AppSigner.Signed s = signer.sign("/app-api/user/orders", Map.of("channel", "alipay"), body);
        Reply r = send("POST", s, authAndKey(token, "key-" + UUID.randomUUID()));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        JsonNode seen = RECEIVED.get(RECEIVED.size() - 1);
        assertThat(seen.get("body").asText()).isEqualTo(body);
        assertThat(seen.get("headers").get("x-apay-app-key-id").asText()).isEqualTo(APP_KEY);
        assertThat(seen.get("headers").get("x-apay-user-id").asText()).isEqualTo("101");
        assertThat(seen.get("headers").has("authorization")).isFalse();
        // docs/app-signature.md: method, path, then every parameter RFC 3986-encoded, sorted, joined with '&'
        assertThat(s.canonical()).isEqualTo("POST\n/app-api/user/orders\n"
                + "amount=100.03&appKey=test-app&channel=alipay&contentSha256=" + AppSigner.hex(AppSigner.sha256(body.getBytes(StandardCharsets.UTF_8)))
                + "&count=3&memo=coffee%2C%20two%20sugars&meta=%7B%22a%22%3A%222%22%2C%22z%22%3A%221%22%7D&nonce=" + param(s, "nonce")
                + "&timestamp=" + param(s, "timestamp"));
    }

    @Test
    void eachSignatureFailureHasItsOwnCode() throws Exception {
        String token = login(102);
        String body = "{\"amount\":\"1.00\"}";
        Map<String, String> h = auth(token);

        AppSigner.Signed good = signer.sign("/app-api/user/profile", Map.of("x", "1"), null);
        assertThat(send("GET", good.pathAndQuery().replaceAll("&sign=[0-9a-f]+", ""), null, h).code()).isEqualTo(11002);
        assertThat(send("GET", good.pathAndQuery().replaceAll("sign=[0-9a-f]+", "sign=not-hex"), null, h).code()).isEqualTo(11003);

        AppSigner.Signed stale = signer.sign("/app-api/user/profile", Map.of(), null, System.currentTimeMillis() - 301_000, "nonce-stale-1");
        assertThat(send("GET", stale, h).code()).isEqualTo(11004);

        AppSigner.Signed fresh = signer.sign("/app-api/user/profile", Map.of(), null);
        assertThat(send("GET", fresh, h).status()).isEqualTo(200);
        Reply replayed = send("GET", fresh, h);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.code()).isEqualTo(11006);

        AppSigner.Signed post = signer.sign("/app-api/user/profile", Map.of(), body);
        Reply tamperedBody = send("PUT", post.pathAndQuery(), "{\"amount\":\"9.00\"}".getBytes(), authAndKey(token, "k-" + UUID.randomUUID()));
        assertThat(tamperedBody.status()).isEqualTo(401);
        assertThat(tamperedBody.code()).isEqualTo(11007);

        AppSigner.Signed q = signer.sign("/app-api/user/profile", Map.of("x", "1"), null);
        Reply tamperedQuery = send("GET", q.pathAndQuery().replace("x=1", "x=2"), null, h);
        assertThat(tamperedQuery.status()).isEqualTo(401);
        assertThat(tamperedQuery.code()).isEqualTo(11009);

        AppSigner wrongSecret = new AppSigner(APP_KEY, "not-the-secret");
        assertThat(send("GET", wrongSecret.sign("/app-api/user/profile", Map.of(), null), h).code()).isEqualTo(11009);
        AppSigner unknownApp = new AppSigner("nobody", SECRET);
        assertThat(send("GET", unknownApp.sign("/app-api/user/profile", Map.of(), null), h).code()).isEqualTo(11001);

        AppSigner.Signed noNonce = signer.sign("/app-api/user/profile", Map.of(), null, System.currentTimeMillis(), "bad");
        assertThat(send("GET", noNonce, h).code()).isEqualTo(11005);

        String unsignedBody = signer.sign("/app-api/user/profile", Map.of(), null).pathAndQuery();
        assertThat(send("PUT", unsignedBody, body.getBytes(), authAndKey(token, "k-" + UUID.randomUUID())).code()).isEqualTo(11008);

        AppSigner.Signed dup = signer.sign("/app-api/user/profile", Map.of("x", "1"), null);
        Reply duplicated = send("GET", dup.pathAndQuery() + "&x=1", null, h);
        assertThat(duplicated.status()).isEqualTo(400);
        assertThat(duplicated.code()).isEqualTo(11010);

        assertThat(RECEIVED).hasSize(1); // only the one good request reached the service
    }

    @Test
    void aSignatureIsBoundToTheMethodAndThePath() throws Exception {
        String token = login(109);
        AppSigner.Signed read = signer.sign("GET", "/app-api/user/profile", Map.of(), null);
        String query = read.pathAndQuery().substring(read.pathAndQuery().indexOf('?'));
        // the GET's query and signature re-aimed at another method and at another path, before its nonce is spent
        Reply otherMethod = send("POST", "/app-api/user/profile" + query, null, authAndKey(token, "k-" + UUID.randomUUID()));
        assertThat(otherMethod.status()).as(otherMethod.body().toString()).isEqualTo(401);
        assertThat(otherMethod.code()).isEqualTo(11009);
        Reply otherPath = send("POST", "/app-api/user/auth/logout-all" + query, null, authAndKey(token, "k-" + UUID.randomUUID()));
        assertThat(otherPath.code()).isEqualTo(11009);
        Reply otherPathSameMethod = send("GET", "/app-api/user/devices" + query, null, auth(token));
        assertThat(otherPathSameMethod.code()).isEqualTo(11009);
        assertThat(RECEIVED).isEmpty();
        // the refusals spent nothing: the request as signed still passes, once
        assertThat(send("GET", read, auth(token)).status()).isEqualTo(200);
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void aValueHoldingSeparatorsCannotBeReSplitIntoOtherParameters() throws Exception {
        String token = login(110);
        for (String value : List.of("1,y=2", "1&y=2")) {
            AppSigner.Signed s = signer.sign("GET", "/app-api/user/profile", Map.of("x", value), null);
            String encoded = "x=" + value.replace(",", "%2C").replace("=", "%3D").replace("&", "%26");
            assertThat(s.pathAndQuery()).contains(encoded);
            Reply reSplit = send("GET", s.pathAndQuery().replace(encoded, "x=1&y=2"), null, auth(token));
            assertThat(reSplit.status()).as(value).isEqualTo(401);
            assertThat(reSplit.code()).as(value).isEqualTo(11009);
            assertThat(send("GET", s, auth(token)).status()).as(value).isEqualTo(200);
        }
        // and a body field cannot be re-split either: "a" holding "1,b=2" is not the fields a and b
        String body = "{\"a\":\"1,b=2\"}";
        AppSigner.Signed s = signer.sign("POST", "/app-api/user/notes", Map.of(), body);
        String other = "{\"a\":\"1\",\"b\":\"2\"}";
        String reSplit = s.pathAndQuery().replace(param(s, "contentSha256"), AppSigner.hex(AppSigner.sha256(other.getBytes(StandardCharsets.UTF_8))));
        assertThat(send("POST", reSplit, other.getBytes(StandardCharsets.UTF_8), authAndKey(token, "k-" + UUID.randomUUID())).code()).isEqualTo(11009);
        assertThat(RECEIVED).hasSize(2);
    }

    @Test
    void aSignedBodyDeclaredInAnotherCharsetThanUtf8IsRefused() throws Exception {
        String token = login(112);
        for (String charset : List.of("UTF-16", "ISO-8859-1")) {
            AppSigner.Signed s = signer.sign("POST", "/app-api/user/notes", Map.of(), "{\"note\":\"a\"}");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + s.pathAndQuery()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(s.body()))
                    .header("Content-Type", "application/json; charset=" + charset)
                    .header("Authorization", "Bearer " + token).header("Idempotency-Key", "k-" + UUID.randomUUID()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(charset).isEqualTo(400);
            assertThat(MAPPER.readTree(r.body()).path("code").asInt()).as(charset).isEqualTo(11092);
        }
        assertThat(RECEIVED).isEmpty();
        AppSigner.Signed s = signer.sign("POST", "/app-api/user/notes", Map.of(), "{\"note\":\"a\"}");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + s.pathAndQuery()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(s.body())).header("Content-Type", "application/json; charset=utf-8")
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", "k-" + UUID.randomUUID()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestSignedTheRetiredWayIsRefusedWithItsOwnCode() throws Exception {
        String token = login(111);
        long ts = System.currentTimeMillis();
        String nonce = "retired-" + UUID.randomUUID().toString().substring(0, 8);
        // the retired form: key=value of the decoded parameters joined with ',', without method and path
        String retired = "appKey=" + APP_KEY + ",nonce=" + nonce + ",timestamp=" + ts + ",x=1";
        String sign = AppSigner.hex(AppSigner.hmac(SECRET, retired));
        Reply r = send("GET", "/app-api/user/profile?x=1&appKey=" + APP_KEY + "&timestamp=" + ts + "&nonce=" + nonce + "&sign=" + sign,
                null, auth(token));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(401);
        assertThat(r.code()).isEqualTo(11070);
        assertThat(r.body().path("message").asText()).contains("docs/app-signature.md");
        assertThat(RECEIVED).isEmpty();
    }

    // ---------------------------------------------------------------- login token

    @Test
    void theTokenIsRequiredRenewedAndItsUserIsTheOnlyUserARequestMayClaim() throws Exception {
        assertThat(send("GET", signer.sign("/app-api/user/profile", Map.of(), null), Map.of()).code()).isEqualTo(11020);
        assertThat(send("GET", signer.sign("/app-api/user/profile", Map.of(), null), auth("made-up")).code()).isEqualTo(11021);

        String token = login(103);
        var record = redisson.getBucket(keys.key(LoginTokens.TOKEN_DOMAIN, LoginTokens.hash(token)));
        record.expire(Duration.ofHours(1));
        assertThat(send("GET", signer.sign("/app-api/user/profile", Map.of(), null), auth(token)).status()).isEqualTo(200);
        assertThat(record.remainTimeToLive()).isGreaterThan(Duration.ofDays(7).minusMinutes(1).toMillis());

        Reply otherInQuery = send("GET", signer.sign("/app-api/user/profile", Map.of("userId", "999"), null), auth(token));
        assertThat(otherInQuery.status()).isEqualTo(403);
        assertThat(otherInQuery.code()).isEqualTo(11022);
        Reply otherInPath = send("GET", signer.sign("/app-api/user/users/999/profile", Map.of(), null), auth(token));
        assertThat(otherInPath.code()).isEqualTo(11022);
        Reply otherInBody = send("POST", signer.sign("/app-api/user/transfer", Map.of(), "{\"userId\":999,\"amount\":\"1\"}"),
                authAndKey(token, "k-" + UUID.randomUUID()));
        assertThat(otherInBody.code()).isEqualTo(11022);
        Reply ownInPath = send("GET", signer.sign("/app-api/user/users/103/profile", Map.of("userId", "103"), null), auth(token));
        assertThat(ownInPath.status()).isEqualTo(200);
    }

    @Test
    void aLoginTokenInTheUrlIsRefusedOnEveryAppRouteAndNeverForwarded() throws Exception {
        // a URL ends up in logs, histories and Referer headers: only the monitor's WebSocket upgrade may carry it
        String token = login(105);
        Reply inUrl = send("GET", signer.sign("/app-api/user/profile", Map.of("token", token), null), Map.of());
        assertThat(inUrl.status()).isEqualTo(400);
        assertThat(inUrl.code()).isEqualTo(11091);
        assertThat(send("GET", signer.sign("/app-api/user/profile", Map.of("token", token), null), auth(token)).code())
                .isEqualTo(11091);
        // a public path forwards no token either
        Reply onPublic = send("POST", signer.sign("/app-api/user/auth/register", Map.of("token", token), "{\"phone\":\"+8613800000001\"}"),
                Map.of("Idempotency-Key", "k-" + UUID.randomUUID()));
        assertThat(onPublic.status()).isEqualTo(400);
        assertThat(onPublic.code()).isEqualTo(11091);
        assertThat(RECEIVED).isEmpty();
        assertThat(send("GET", signer.sign("/app-api/user/profile", Map.of(), null), auth(token)).status()).isEqualTo(200);
    }

    @Test
    void aSpoofedIdentityHeaderNeverReachesAService() throws Exception {
        String token = login(104);
        Map<String, String> headers = new HashMap<>(auth(token));
        headers.put("X-Apay-User-Id", "1");
        headers.put("X-Apay-Operator-Id", "1");
        headers.put("X-Apay-Token-Id", "forged");
        assertThat(send("GET", signer.sign("/app-api/user/profile", Map.of(), null), headers).status()).isEqualTo(200);
        JsonNode seen = RECEIVED.get(0).get("headers");
        assertThat(seen.get("x-apay-user-id").asText()).isEqualTo("104");
        assertThat(seen.has("x-apay-operator-id")).isFalse();
        assertThat(seen.get("x-apay-token-id").asText()).isEqualTo(LoginTokens.hash(token));
    }

    @Test
    void publicPathsNeedTheSignatureButNoToken() throws Exception {
        Reply r = send("POST", signer.sign("/app-api/user/auth/register", Map.of(), "{\"phone\":\"+8613800000000\"}"),
                Map.of("Idempotency-Key", "k-" + UUID.randomUUID()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(RECEIVED.get(0).get("headers").has("x-apay-user-id")).isFalse();
        assertThat(send("POST", "/app-api/user/auth/register", "{}".getBytes(), Map.of("Idempotency-Key", "k-1234567")).code())
                .isEqualTo(11001);
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void fiftyConcurrentIdenticalRequestsHaveExactlyOneEffect() throws Exception {
        String token = login(105);
        String key = "pay-" + UUID.randomUUID();
        String body = "{\"orderNo\":\"A-1\",\"amount\":\"10.00\"}";
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            AppSigner.Signed s = signer.sign("/app-api/user/slow-payments", Map.of(), body); // each with its own nonce
            futures.add(pool.submit(() -> {
                go.await();
                return send("POST", s, authAndKey(token, key));
            }));
        }
        go.countDown();
        int firsts = 0;
        int replays = 0;
        int inProgress = 0;
        String firstBody = null;
        List<String> replayBodies = new ArrayList<>();
        for (Future<Reply> f : futures) {
            Reply r = f.get();
            if (r.status() == 409) {
                assertThat(r.code()).isEqualTo(11032);
                inProgress++;
            } else {
                assertThat(r.status()).isEqualTo(200);
                if (r.raw().headers().firstValue("Idempotent-Replayed").isPresent()) {
                    replays++;
                    replayBodies.add(r.raw().body());
                } else {
                    firsts++;
                    firstBody = r.raw().body();
                }
            }
        }
        pool.shutdown();
        assertThat(firsts).isEqualTo(1);
        assertThat(replays + inProgress).isEqualTo(49);
        assertThat(effects("/app-api/user/slow-payments")).isEqualTo(1);
        String first = firstBody;
        assertThat(replayBodies).allSatisfy(b -> assertThat(b).isEqualTo(first)); // byte for byte

        // after the first finished, a repeat is a replay of the very same bytes
        Reply later = send("POST", signer.sign("/app-api/user/slow-payments", Map.of(), body), authAndKey(token, key));
        assertThat(later.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(later.raw().body()).isEqualTo(first);
        assertThat(effects("/app-api/user/slow-payments")).isEqualTo(1);
    }

    @Test
    void aKeyReusedForAnotherPayloadIs422AndKeysExpireAfterFiveMinutes() throws Exception {
        String token = login(106);
        String key = "key-" + UUID.randomUUID();
        assertThat(send("POST", signer.sign("/app-api/user/payments", Map.of(), "{\"amount\":\"1.00\"}"), authAndKey(token, key)).status())
                .isEqualTo(200);
        Reply changed = send("POST", signer.sign("/app-api/user/payments", Map.of(), "{\"amount\":\"2.00\"}"), authAndKey(token, key));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.code()).isEqualTo(11033);
        long ttl = redisson.getBucket(keys.key("idem", "user:106", key)).remainTimeToLive();
        assertThat(ttl).isBetween(Duration.ofMinutes(5).minusSeconds(10).toMillis(), Duration.ofMinutes(5).toMillis());

        Reply missing = send("POST", signer.sign("/app-api/user/payments", Map.of(), "{\"amount\":\"1.00\"}"), auth(token));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo(11030);
        Reply malformed = send("POST", signer.sign("/app-api/user/payments", Map.of(), "{\"amount\":\"1.00\"}"), authAndKey(token, "short"));
        assertThat(malformed.code()).isEqualTo(11031);
    }

    @Test
    void aRequestRefusedBeforeItHadAnyEffectFreesItsKey() throws Exception {
        String token = login(107);
        String key = "key-" + UUID.randomUUID();
        Reply refused = send("POST", signer.sign("/app-api/user/invalid", Map.of(), "{\"amount\":\"x\"}"), authAndKey(token, key));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(redisson.getBucket(keys.key("idem", "user:107", key)).isExists()).isFalse();
        Reply again = send("POST", signer.sign("/app-api/user/invalid", Map.of(), "{\"amount\":\"x\"}"), authAndKey(token, key));
        assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(effects("/app-api/user/invalid")).isEqualTo(2);
    }

    // ---------------------------------------------------------------- the rest

    @Test
    void loginIsRateLimitedPerAddressAndPerAccount() throws Exception {
        int lastCode = 0;
        for (int i = 1; i <= 4; i++) {
            Reply r = send("POST", signer.sign("/app-api/user/auth/login/password", Map.of(), "{\"phone\":\"+8613811111111\"}"),
                    Map.of("Idempotency-Key", "k-" + UUID.randomUUID()));
            lastCode = r.code();
            if (i == 4) {
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.raw().headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(lastCode).isEqualTo(11041); // the fourth try on one phone within the minute
        for (int i = 0; i < 3; i++) {
            send("POST", signer.sign("/app-api/user/auth/login/password", Map.of(), "{\"phone\":\"+861380000000" + i + "\"}"),
                    Map.of("Idempotency-Key", "k-" + UUID.randomUUID()));
        }
        Reply ipLimited = send("POST", signer.sign("/app-api/user/auth/login/password", Map.of(), "{\"phone\":\"+8613822222222\"}"),
                Map.of("Idempotency-Key", "k-" + UUID.randomUUID()));
        assertThat(ipLimited.code()).isEqualTo(11040); // the seventh from this address
    }

    @Test
    void corsAllowsOnlyConfiguredOriginsAndBodiesAreCapped() throws Exception {
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app-api/user/profile"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "Idempotency-Key").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:3000");
        HttpResponse<String> evil = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/app-api/user/profile"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(evil.statusCode()).isEqualTo(403);
        // the cashier page may live on a CDN's origin: its read-only API answers any origin, without credentials
        HttpResponse<String> cdn = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cashier/api/orders/t0k3n"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://cdn.shop.example")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cdn.statusCode()).isEqualTo(200);
        assertThat(cdn.headers().firstValue("Access-Control-Allow-Origin")).contains("https://cdn.shop.example");
        assertThat(cdn.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        HttpResponse<String> cdnPost = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cashier/api/orders/t0k3n"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://cdn.shop.example")
                .header("Access-Control-Request-Method", "POST").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cdnPost.statusCode()).isEqualTo(403);

        String token = login(108);
        String huge = "{\"blob\":\"" + "x".repeat(1024 * 1024) + "\"}";
        Reply tooBig = send("POST", signer.sign("/app-api/user/notes", Map.of(), huge), authAndKey(token, "k-" + UUID.randomUUID()));
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.code()).isEqualTo(10023);
        assertThat(RECEIVED).isEmpty();
    }

    int effects(String path) {
        return (int) RECEIVED.stream().filter(r -> r.get("path").asText().startsWith(path)).count();
    }

    static String param(AppSigner.Signed s, String name) {
        for (String p : s.pathAndQuery().substring(s.pathAndQuery().indexOf('?') + 1).split("&")) {
            if (p.startsWith(name + "=")) {
                return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The stand-in user-svc. */
    private static HttpServer startUserSvc() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/rpc-api/user/app-clients/", exchange -> {
                String keyId = exchange.getRequestURI().getPath().replaceAll(".*/", "");
                byte[] out;
                int status;
                if (keyId.equals(APP_KEY)) {
                    Map<String, Object> secret = new LinkedHashMap<>();
                    secret.put("secretId", 7);
                    secret.put("encryptedSecret", cipher.encrypt(SECRET, "app_client_secret:7"));
                    secret.put("validUntil", null);
                    out = MAPPER.writeValueAsBytes(Map.of("code", 0, "message", "ok",
                            "data", Map.of("keyId", APP_KEY, "enabled", true, "secrets", List.of(secret))));
                    status = 200;
                } else {
                    out = "{\"code\":12020,\"message\":\"app client not found\"}".getBytes(StandardCharsets.UTF_8);
                    status = 404;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.createContext("/", exchange -> {
                ObjectNode seen = MAPPER.createObjectNode();
                seen.put("method", exchange.getRequestMethod());
                seen.put("path", exchange.getRequestURI().toString());
                ObjectNode headers = seen.putObject("headers");
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                RECEIVED.add(seen);
                String path = exchange.getRequestURI().getPath();
                if (path.startsWith("/app-api/user/slow-payments")) {
                    try {
                        Thread.sleep(300); // long enough for the other 49 to arrive while it runs
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                boolean invalid = path.startsWith("/app-api/user/invalid");
                StandIn.answerJson(exchange, invalid ? 400 : 200, invalid ? "{\"code\":10001,\"message\":\"request validation failed\"}"
                        : "{\"code\":0,\"message\":\"ok\",\"data\":{\"id\":\"" + UUID.randomUUID() + "\"}}");
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
