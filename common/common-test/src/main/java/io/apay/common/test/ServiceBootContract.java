package io.apay.common.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.redisson.api.RedissonClient;

/**
 * What every apay service must do once booted on the real MariaDB, Redis and RabbitMQ: report healthy (liveness
 * and readiness), run its migrations in its own schema, reach Redis and RabbitMQ, serve its OpenAPI document and
 * Prometheus metrics, and answer unknown paths with the error envelope. A service's test extends this.
 */
public abstract class ServiceBootContract {

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestInfra infra;

    @Autowired
    protected DataSource dataSource;

    @Autowired
    protected RedissonClient redisson;

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected AmqpAdmin amqpAdmin;

    /** Calls as the gateway does: with the mesh credential. */
    protected final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());
    protected final ObjectMapper mapper = new ObjectMapper();

    protected HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthLivenessAndReadinessAreUp() throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(mapper.readTree(r.body()).get("status").asText()).as(path).isEqualTo("UP");
        }
    }

    @Test
    void runsItsMigrationsInItsOwnSchema() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(infra.schema());
            }
            List<String> versions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1")) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            assertThat(versions).contains("0.0.1", "0.0.2"); // op_log, outbox + processed_event
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM op_log")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    @Test
    void reachesRedis() {
        var bucket = redisson.<String>getBucket(infra.redisPrefix() + "boot-check");
        bucket.set("ok");
        assertThat(bucket.get()).isEqualTo("ok");
        bucket.delete();
    }

    @Test
    void reachesRabbitMqAndDeclaresTheSharedTopology() {
        Boolean open = rabbit.execute(channel -> channel.isOpen());
        assertThat(open).isTrue();
        assertThat(amqpAdmin.getQueueInfo(infra.mqPrefix() + "apay.unrouted")).isNotNull();
    }

    @Test
    void servesItsOpenApiDocumentAndMetrics() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode openapi = mapper.readTree(docs.body());
        assertThat(openapi.get("openapi").asText()).startsWith("3.");
        assertThat(openapi.path("paths").fieldNames()).toIterable().noneMatch(p -> p.startsWith("/rpc-api"));

        HttpResponse<String> metrics = get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void unknownPathAnswersTheErrorEnvelope() throws Exception {
        HttpResponse<String> r = get("/app-api/no/such/thing");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode body = mapper.readTree(r.body());
        assertThat(body.get("code").asInt()).isEqualTo(10020);
        assertThat(r.body()).doesNotContain("Exception");
    }
}
