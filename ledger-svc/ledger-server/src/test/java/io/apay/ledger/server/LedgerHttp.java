package io.apay.ledger.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.test.MeshCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A tiny JSON-over-HTTP client for the ledger's endpoints in tests: what a caller really sends and gets. */
final class LedgerHttp {

    record Reply(int status, JsonNode body, String raw) {
        int code() {
            return body.path("code").asInt();
        }

        JsonNode data() {
            return body.path("data");
        }
    }

    private final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());
    private final ObjectMapper mapper = new ObjectMapper();
    private final int port;

    LedgerHttp(int port) {
        this.port = port;
    }

    Reply post(String path, String json) {
        return send(asOperatorIfAdmin(HttpRequest.newBuilder(uri(path)), path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Reply get(String path) {
        return send(asOperatorIfAdmin(HttpRequest.newBuilder(uri(path)), path).GET().build());
    }

    /** Admin calls come as the gateway would pass them: a verified (read-only) operator. */
    private static HttpRequest.Builder asOperatorIfAdmin(HttpRequest.Builder b, String path) {
        return path.startsWith("/admin-api/") ? b.header("X-Apay-Operator-Id", "9").header("X-Apay-Operator-Roles", "SUPPORT") : b;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), mapper.readTree(r.body()), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Single quotes for readable JSON in tests. */
    static String json(String singleQuoted, Object... args) {
        return String.format(singleQuoted, args).replace('\'', '"');
    }
}
