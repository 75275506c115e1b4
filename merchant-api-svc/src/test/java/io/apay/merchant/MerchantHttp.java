package io.apay.merchant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.test.MeshCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The service's HTTP API as the gateway forwards it: mesh-signed, with the identity headers the gateway sets. */
final class MerchantHttp {

    static final ObjectMapper MAPPER = ApayJackson.newMapper();

    record Reply(int status, JsonNode body) {
        int code() {
            return body.path("code").asInt();
        }

        JsonNode data() {
            return body.path("data");
        }
    }

    private final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());
    private final int port;

    MerchantHttp(int port) {
        this.port = port;
    }

    Reply call(String method, String path, Object body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), MAPPER.readTree(r.body()));
    }

    /** An operator (id 5) with these roles ("FINANCE,RISK"), or no operator at all when roles is null. */
    Reply admin(String method, String path, Object body, String roles) throws Exception {
        return call(method, path, body, roles == null ? Map.of() : Map.of("X-Apay-Operator-Id", "5", "X-Apay-Operator-Roles", roles));
    }

    Reply merchant(String merchantNo, String method, String path, Object body) throws Exception {
        return call(method, path, body, Map.of("X-Apay-Merchant-Id", merchantNo));
    }
}
