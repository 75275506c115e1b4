package io.apay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.test.AppSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An app talking to the gateway: every request signed, the login token and an idempotency key where needed. */
final class AppClient {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final String gateway;
    private final AppSigner signer;
    private final HttpClient http = HttpClient.newHttpClient();
    String token;

    AppClient(String gateway, String appKey, String secret) {
        this.gateway = gateway;
        this.signer = new AppSigner(appKey, secret);
    }

    record Reply(int status, JsonNode body, HttpResponse<byte[]> raw) {
        int code() {
            return body.path("code").asInt();
        }

        JsonNode data() {
            return body.path("data");
        }
    }

    Reply get(String path) throws Exception {
        return get(path, Map.of());
    }

    /** A GET with query parameters (signed with them). */
    Reply get(String path, Map<String, String> query) throws Exception {
        return send("GET", signer.sign("GET", path, query, null), null, null);
    }

    Reply post(String path, Object body) throws Exception {
        return send("POST", signer.sign("POST", path, Map.of(), body == null ? null : MAPPER.writeValueAsString(body)), null,
                UUID.randomUUID().toString());
    }

    Reply put(String path, Object body) throws Exception {
        return send("PUT", signer.sign("PUT", path, Map.of(), MAPPER.writeValueAsString(body)), null, UUID.randomUUID().toString());
    }

    Reply delete(String path) throws Exception {
        return send("DELETE", signer.sign("DELETE", path, Map.of(), null), null, UUID.randomUUID().toString());
    }

    /** A POST of this exact body text (e.g. hostile JSON), signed as it is. */
    Reply postRaw(String path, String jsonBody) throws Exception {
        return send("POST", signer.sign(path, Map.of(), jsonBody), null, UUID.randomUUID().toString());
    }

    /** A POST of this exact JSON body text with extra query parameters and this Content-Type, signed as it is. */
    Reply postRaw(String path, Map<String, String> query, String jsonBody, String contentType) throws Exception {
        return send("POST", signer.sign("POST", path, query, jsonBody), contentType, UUID.randomUUID().toString());
    }

    /** A raw (non-JSON) body, bound to the signature by its contentSha256 only. */
    Reply upload(String path, Map<String, String> query, String contentType, byte[] content) throws Exception {
        String sha = AppSigner.hex(AppSigner.sha256(content));
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put("contentSha256", sha);
        AppSigner.Signed s = signer.sign("POST", path, q, null);
        return send("POST", new AppSigner.Signed(s.pathAndQuery(), content, s.canonical()), contentType, UUID.randomUUID().toString());
    }

    private Reply send(String method, AppSigner.Signed s, String contentType, String idempotencyKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + s.pathAndQuery()))
                .method(method, s.body().length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(s.body()));
        if (s.body().length > 0) {
            b.header("Content-Type", contentType != null ? contentType : "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        String type = r.headers().firstValue("Content-Type").orElse("");
        JsonNode body = type.contains("json") && r.body().length > 0 ? MAPPER.readTree(r.body()) : MAPPER.createObjectNode();
        return new Reply(r.statusCode(), body, r);
    }
}
