package io.apay.wealth.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.test.MeshCredentials;
import io.apay.common.test.MutableClock;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * wealth-svc in this JVM (a clock the test moves: days pass without waiting) on the real MariaDB, Redis and
 * RabbitMQ, calling the real ledger-svc ({@link LedgerProcess}). Calls are signed with the JVM's test mesh key, as
 * the gateway's would be; the caller's identity is the header the gateway sets.
 */
@Import(WealthTestSupport.Clocks.class)
abstract class WealthTestSupport {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** 2030-01-01T00:00:00Z: a fixed start, far from "now", so days are what the test says they are. */
    static final Instant EPOCH = Instant.parse("2030-01-01T00:00:00Z");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(EPOCH);
        }
    }

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.ledger-svc[0].uri", () -> LedgerProcess.shared().uri());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    /** Each schema's first id: far apart, so no two schemas of this JVM ever hand out the same one. */
    private static final AtomicLong ID_BASE = new AtomicLong();
    private static final Set<String> SCHEMAS_APART = ConcurrentHashMap.newKeySet();

    /**
     * Ledger keys and owners come from local ids ({@code wealth:subscribe:<positionId>}, {@code product-<id>}). Each
     * test class has its own schema, but they all share one ledger process: ids starting at 1 in every schema would
     * meet each other's keys and accounts there. So each schema starts its ids at its own base.
     */
    @BeforeEach
    void idsApartFromOtherSchemas() {
        String schema = jdbc.queryForObject("SELECT DATABASE()", String.class);
        if (SCHEMAS_APART.add(schema)) {
            long base = ID_BASE.addAndGet(1_000_000_000L);
            for (String table : List.of("wealth_product", "wealth_position", "wealth_accrual_run", "wealth_funding")) {
                jdbc.execute("ALTER TABLE " + table + " AUTO_INCREMENT = " + base);
            }
        }
    }

    record Reply(int status, JsonNode body) {
        int code() {
            return body.path("code").asInt();
        }

        JsonNode data() {
            return body.path("data");
        }
    }

    Reply call(String base, String method, String path, String json, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            headers.forEach(b::header);
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), MAPPER.readTree(r.body().isEmpty() ? "{}" : r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Reply asUser(long userId, String method, String path, String json) {
        return call("http://127.0.0.1:" + port, method, path, json, Map.of("X-Apay-User-Id", Long.toString(userId)));
    }

    /** An operator write: every admin write carries an Idempotency-Key (docs/admin.md). */
    Reply asOperator(String role, String method, String path, String json) {
        Map<String, String> h = new LinkedHashMap<>(Map.of("X-Apay-Operator-Id", "7", "X-Apay-Operator-Roles", role));
        if (!"GET".equals(method)) {
            h.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        return call("http://127.0.0.1:" + port, method, path, json, h);
    }

    Reply rpc(String method, String path, String json) {
        return call("http://127.0.0.1:" + port, method, path, json, Map.of());
    }

    /** A call to the real ledger's internal API. */
    Reply ledger(String method, String path, String json) {
        return call(LedgerProcess.shared().uri(), method, path, json, Map.of());
    }

    /** Puts coin on a user's AVAILABLE account (an operator credit in the real ledger). */
    void fundUser(long userId, String coin, String amount) {
        Reply r = ledger("POST", "/rpc-api/ledger/credits", json("idempotencyKey", "test-credit-" + UUID.randomUUID(),
                "owner", Map.of("ownerType", "USER", "ownerId", Long.toString(userId)), "coin", coin, "amount", amount));
        if (r.status() != 200) {
            throw new AssertionError("credit: " + r.body());
        }
    }

    /** The balance of one ledger account (0 if it was never used). */
    BigDecimal balance(String ownerType, String ownerId, String coin, String kind) {
        Reply r = ledger("GET", "/rpc-api/ledger/balances?ownerType=" + ownerType + "&ownerId=" + ownerId + "&coin=" + coin, null);
        if (r.status() != 200) {
            throw new AssertionError("balances: " + r.body());
        }
        for (JsonNode b : r.data()) {
            if (kind.equals(b.path("kind").asText())) {
                return new BigDecimal(b.path("balance").asText());
            }
        }
        return BigDecimal.ZERO;
    }

    /** Every invariant of the ledger over the whole journal; fails the test on any violation. */
    void assertLedgerInvariants() {
        Reply r = ledger("POST", "/rpc-api/ledger/reconciliation", json("trigger", "wealth-test"));
        if (r.status() != 200 || !r.data().path("ok").asBoolean(false)) {
            throw new AssertionError("ledger reconciliation: " + r.body());
        }
    }

    static String json(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        try {
            return MAPPER.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
