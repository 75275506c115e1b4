package io.apay.push.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.test.MeshCredentials;
import io.apay.push.simulator.MonitorClient;
import io.apay.push.simulator.MonitorCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.jdbc.core.JdbcTemplate;

/** Talking to a push-svc on a port, as the gateway would forward requests (identity header set). */
final class PushTestSupport {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = MeshCredentials.signing(HttpClient.newHttpClient());

    /** An event row of the outbox, decoded. */
    record Event(long id, String routingKey, JsonNode payload) {
    }

    private PushTestSupport() {
    }

    static HttpResponse<String> post(int port, String path, Long userId, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (userId != null) {
            b.header("X-Apay-User-Id", userId.toString());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(int port, String method, String path, Long userId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (userId != null) {
            b.header("X-Apay-User-Id", userId.toString());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return MAPPER.readTree(r.body());
    }

    /** Registers a device for the acceptor (as the acceptor's app would) and returns its credentials. */
    static MonitorCredentials registerDevice(int port, long acceptorId) throws Exception {
        HttpResponse<String> r = post(port, "/app-api/push/devices", acceptorId, "{\"name\":\"test phone\"}");
        if (r.statusCode() != 201) {
            throw new IllegalStateException("device registration failed: " + r.statusCode() + " " + r.body());
        }
        JsonNode data = json(r).get("data");
        return MonitorCredentials.direct(acceptorId, data.get("deviceId").asText(), data.get("deviceSecret").asText());
    }

    static URI ws(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/monitor");
    }

    static MonitorClient connect(int port, MonitorCredentials creds) {
        return MonitorClient.connect(HTTP, ws(port), creds, Duration.ofSeconds(10));
    }

    static JsonNode presence(int port, long acceptorId) throws Exception {
        return json(send(port, "GET", "/rpc-api/push/acceptors/" + acceptorId + "/presence", null)).get("data");
    }

    static List<Event> events(JdbcTemplate jdbc, String routingKey, long acceptorId) {
        List<Event> out = new ArrayList<>();
        jdbc.query("SELECT id, routing_key, payload FROM outbox_event WHERE routing_key = ? ORDER BY id", rs -> {
            try {
                JsonNode p = MAPPER.readTree(rs.getString(3));
                if (p.path("acceptorId").asLong() == acceptorId) {
                    out.add(new Event(rs.getLong(1), rs.getString(2), p));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, routingKey);
        return out;
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + timeout);
            }
            Thread.sleep(10);
        }
    }
}
