package io.apay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.AppSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The merchant route through the real gateway and Redis, with a stand-in merchant-api-svc. */
@ApayIntegrationTest
class MerchantRoutesIT {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    static final KeyPair KEY = newKeyPair();
    static final KeyPair OTHER_KEY = newKeyPair();
    static final HttpServer MERCHANT_SVC = startMerchantSvc();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.merchant-api-svc[0].uri",
                () -> "http://127.0.0.1:" + MERCHANT_SVC.getAddress().getPort());
    }

    @LocalServerPort int port;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        RECEIVED.clear();
    }

    @AfterAll
    static void stop() {
        MERCHANT_SVC.stop(0);
    }

    record Signed(String method, String url, String body, String signature) {
        Signed(String url, String body, String signature) {
            this(body == null ? "GET" : "POST", url, body, signature);
        }
    }

    /** Signs as docs/merchant-api.md tells a merchant to (the canonical string as for apps, then SHA256withRSA). */
    Signed sign(String method, String merchantNo, String path, Map<String, String> extraQuery, String body, KeyPair key, long timestamp, String nonce) {
        Map<String, String> query = new LinkedHashMap<>(extraQuery);
        query.put("merchantNo", merchantNo);
        query.put("timestamp", Long.toString(timestamp));
        query.put("nonce", nonce);
        if (body != null) {
            query.put("contentSha256", AppSigner.hex(AppSigner.sha256(body.getBytes(StandardCharsets.UTF_8))));
        }
        String signature = RsaKeys.sign(key.getPrivate(), AppSigner.canonical(method, path, query,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
        StringBuilder url = new StringBuilder(path).append('?');
        query.forEach((k, v) -> url.append(enc(k)).append('=').append(enc(v)).append('&'));
        url.setLength(url.length() - 1);
        return new Signed(method, url.toString(), body, signature);
    }

    Signed sign(String merchantNo, String path, String body, KeyPair key, long timestamp, String nonce) {
        return sign(body == null ? "GET" : "POST", merchantNo, path, Map.of(), body, key, timestamp, nonce);
    }

    Signed sign(String merchantNo, String path, String body) {
        return sign(merchantNo, path, body, KEY, System.currentTimeMillis(), UUID.randomUUID().toString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    HttpResponse<String> send(Signed s, String clientIp) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + s.url()))
                .method(s.method(), s.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(s.body()));
        if (s.body() != null) {
            b.header("Content-Type", "application/json");
        }
        if (s.signature() != null) {
            b.header("X-Signature", s.signature());
        }
        if (clientIp != null) {
            b.header("X-Forwarded-For", clientIp);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    int code(HttpResponse<String> r) throws Exception {
        return MAPPER.readTree(r.body()).path("code").asInt();
    }

    @Test
    void aSignedRequestFromAWhitelistedAddressReachesTheServiceAsTheMerchant() throws Exception {
        String body = "{\"merchantOrderNo\":\"A-1\",\"amount\":\"100.00\",\"currency\":\"CNY\"}";
        HttpResponse<String> r = send(sign("M1", "/merchant-api/orders", body), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode seen = RECEIVED.get(0);
        assertThat(seen.get("headers").get("x-apay-merchant-id").asText()).isEqualTo("M1");
        assertThat(seen.get("body").asText()).isEqualTo(body);
    }

    @Test
    void tamperedUnsignedReplayedAndForeignRequestsEachGetTheirOwnCode() throws Exception {
        String body = "{\"merchantOrderNo\":\"A-2\",\"amount\":\"100.00\"}";
        Signed good = sign("M1", "/merchant-api/orders", body);

        HttpResponse<String> unsigned = send(new Signed(good.url(), body, null), null);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(code(unsigned)).isEqualTo(11002);

        HttpResponse<String> tamperedBody = send(new Signed(good.url(), body.replace("100.00", "1.00"), good.signature()), null);
        assertThat(code(tamperedBody)).isEqualTo(11007);
        HttpResponse<String> tamperedQuery = send(new Signed(good.url().replace("merchantNo=M1", "merchantNo=M1&extra=1"), body, good.signature()), null);
        assertThat(code(tamperedQuery)).isEqualTo(11009);
        HttpResponse<String> wrongKey = send(sign("M1", "/merchant-api/orders", body, OTHER_KEY, System.currentTimeMillis(), "nonce-wrong-key"), null);
        assertThat(code(wrongKey)).isEqualTo(11009);
        HttpResponse<String> garbage = send(new Signed(good.url(), body, "not base64 at all!"), null);
        assertThat(code(garbage)).isEqualTo(11063);

        assertThat(send(good, null).statusCode()).isEqualTo(200);
        HttpResponse<String> replay = send(good, null);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(code(replay)).isEqualTo(11006);

        HttpResponse<String> stale = send(sign("M1", "/merchant-api/orders", body, KEY, System.currentTimeMillis() - 400_000, "nonce-stale-01"), null);
        assertThat(code(stale)).isEqualTo(11004);
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void aGetsSignatureCannotBeReAimedAtClosingTheOrder() throws Exception {
        Signed read = sign("GET", "M1", "/merchant-api/orders/P1", Map.of(), null, KEY, System.currentTimeMillis(), "nonce-" + UUID.randomUUID());
        String query = read.url().substring(read.url().indexOf('?'));
        HttpResponse<String> close = send(new Signed("POST", "/merchant-api/orders/P1/close" + query, null, read.signature()), null);
        assertThat(close.statusCode()).as(close.body()).isEqualTo(401);
        assertThat(code(close)).isEqualTo(11009);
        HttpResponse<String> otherOrder = send(new Signed("GET", "/merchant-api/orders/P2" + query, null, read.signature()), null);
        assertThat(code(otherOrder)).isEqualTo(11009);
        HttpResponse<String> otherMethod = send(new Signed("DELETE", read.url(), null, read.signature()), null);
        assertThat(code(otherMethod)).isEqualTo(11009);
        assertThat(RECEIVED).isEmpty();
        // nothing was spent by the refusals: the GET as signed passes
        assertThat(send(read, null).statusCode()).isEqualTo(200);
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void aValueHoldingSeparatorsCannotBeReSplitIntoOtherParameters() throws Exception {
        for (String value : List.of("1,pageSize=100", "1&pageSize=100")) {
            Signed s = sign("GET", "M1", "/merchant-api/orders", Map.of("pageNo", value), null, KEY, System.currentTimeMillis(),
                    "nonce-" + UUID.randomUUID());
            String encoded = "pageNo=" + enc(value);
            assertThat(s.url()).contains(encoded);
            HttpResponse<String> reSplit = send(new Signed("GET", s.url().replace(encoded, "pageNo=1&pageSize=100"), null, s.signature()), null);
            assertThat(reSplit.statusCode()).as(value).isEqualTo(401);
            assertThat(code(reSplit)).as(value).isEqualTo(11009);
            assertThat(send(s, null).statusCode()).as(value).isEqualTo(200);
        }
        assertThat(RECEIVED).hasSize(2);
    }

    @Test
    void aRequestSignedTheRetiredWayIsRefusedWithItsOwnCode() throws Exception {
        long ts = System.currentTimeMillis();
        String nonce = "retired-" + UUID.randomUUID().toString().substring(0, 8);
        // the retired form: key=value of the decoded parameters joined with ',', without method and path
        String signature = RsaKeys.sign(KEY.getPrivate(), "merchantNo=M1,nonce=" + nonce + ",timestamp=" + ts);
        HttpResponse<String> r = send(new Signed("GET", "/merchant-api/orders/P1?merchantNo=M1&timestamp=" + ts + "&nonce=" + nonce, null,
                signature), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(code(r)).isEqualTo(11070);
        assertThat(MAPPER.readTree(r.body()).path("message").asText()).contains("docs/merchant-api.md");
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void onlyWhitelistedAddressesOfAnActiveKnownMerchantGetIn() throws Exception {
        HttpResponse<String> foreign = send(sign("M2", "/merchant-api/orders/x", null), null); // M2 allows 203.0.113.0/24 only
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(code(foreign)).isEqualTo(11062);
        HttpResponse<String> spoofedForwarded = send(sign("M2", "/merchant-api/orders/x", null), "203.0.113.5");
        assertThat(code(spoofedForwarded)).isEqualTo(11062); // X-Forwarded-For from a client is not believed
        assertThat(code(send(sign("M3", "/merchant-api/orders/x", null), null))).isEqualTo(11061); // suspended
        assertThat(code(send(sign("NOBODY", "/merchant-api/orders/x", null), null))).isEqualTo(11060);
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void thePlatformKeyIsPublic() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/merchant-api/platform-key")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(RECEIVED.get(0).get("path").asText()).isEqualTo("/merchant-api/platform-key");
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer startMerchantSvc() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/rpc-api/merchant/merchants/", exchange -> {
                String no = exchange.getRequestURI().getPath().split("/")[4];
                Map<String, Object> creds = switch (no) {
                    case "M1" -> Map.of("merchantNo", "M1", "active", true, "ipWhitelist", List.of("127.0.0.1", "::1"),
                            "publicKeys", List.of(Map.of("fingerprint", RsaKeys.fingerprint(KEY.getPublic()), "publicKeyPem", RsaKeys.toPem(KEY.getPublic()))));
                    case "M2" -> Map.of("merchantNo", "M2", "active", true, "ipWhitelist", List.of("203.0.113.0/24"),
                            "publicKeys", List.of(Map.of("fingerprint", "x", "publicKeyPem", RsaKeys.toPem(KEY.getPublic()))));
                    case "M3" -> Map.of("merchantNo", "M3", "active", false, "ipWhitelist", List.of("127.0.0.1"),
                            "publicKeys", List.of(Map.of("fingerprint", "x", "publicKeyPem", RsaKeys.toPem(KEY.getPublic()))));
                    default -> null;
                };
                byte[] out = creds == null ? "{\"code\":20001,\"message\":\"merchant not found\"}".getBytes(StandardCharsets.UTF_8)
                        : MAPPER.writeValueAsBytes(Map.of("code", 0, "message", "ok", "data", creds));
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(creds == null ? 404 : 200, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.createContext("/", exchange -> {
                ObjectNode seen = MAPPER.createObjectNode();
                seen.put("path", exchange.getRequestURI().getPath());
                ObjectNode headers = seen.putObject("headers");
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
                seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                RECEIVED.add(seen);
                byte[] out = "{\"code\":0,\"message\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, out.length);
                exchange.getResponseBody().write(out);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
