package io.apay.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.core.crypto.RsaKeys;
import io.apay.common.test.AppSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A merchant's server calling the gateway's merchant route, signing every request as docs/merchant-api.md says. */
final class MerchantClient {

    final String merchantNo;
    final KeyPair key;
    private final String gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    MerchantClient(String gateway, String merchantNo) {
        this.gateway = gateway;
        this.merchantNo = merchantNo;
        this.key = newKey();
    }

    static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String publicKeyPem() {
        return RsaKeys.toPem(key.getPublic());
    }

    AppClient.Reply get(String path, Map<String, String> query) throws Exception {
        return send("GET", path, query, null);
    }

    AppClient.Reply post(String path, Object body) throws Exception {
        return send("POST", path, Map.of(), body == null ? null : AppClient.MAPPER.writeValueAsString(body));
    }

    AppClient.Reply send(String method, String path, Map<String, String> extraQuery, String body) throws Exception {
        HttpResponse<byte[]> r = http.send(signed(method, path, extraQuery, body), HttpResponse.BodyHandlers.ofByteArray());
        return new AppClient.Reply(r.statusCode(), parse(r.body()), r);
    }

    /** A signed request, ready to send within the signature's 300 s window (the benchmark signs ahead). */
    HttpRequest signed(String method, String path, Map<String, String> extraQuery, String body) throws Exception {
        Map<String, String> query = new LinkedHashMap<>(extraQuery);
        query.put("merchantNo", merchantNo);
        query.put("timestamp", Long.toString(System.currentTimeMillis()));
        query.put("nonce", UUID.randomUUID().toString().replace("-", ""));
        if (body != null) {
            query.put("contentSha256", AppSigner.hex(AppSigner.sha256(body.getBytes(StandardCharsets.UTF_8))));
        }
        // the canonical string of docs/merchant-api.md: method, path as sent, encoded parameters
        String signature = RsaKeys.sign(key.getPrivate(), AppSigner.canonical(method, path, query,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
        StringBuilder url = new StringBuilder(gateway).append(path).append('?');
        query.forEach((k, v) -> url.append(enc(k)).append('=').append(enc(v)).append('&'));
        url.setLength(url.length() - 1);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.toString())).header("X-Signature", signature)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.build();
    }

    private static JsonNode parse(byte[] body) throws IOException {
        return body.length == 0 ? AppClient.MAPPER.createObjectNode() : AppClient.MAPPER.readTree(body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
