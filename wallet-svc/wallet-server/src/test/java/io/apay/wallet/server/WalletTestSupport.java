package io.apay.wallet.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.MeshCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** wallet-svc on the real MariaDB, Redis and RabbitMQ, with the services it calls stood in ({@link StandInMesh}). */
abstract class WalletTestSupport {

    static final StandInMesh MESH = new StandInMesh();

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        for (String service : new String[] {"ledger-svc", "chain-bridge-svc", "user-svc", "sms-svc"}) {
            registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", MESH::uri);
        }
        registry.add("apay.wallet.address-cooldown", () -> "1h");
        registry.add("apay.wallet.recover-after", () -> "0s");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());

    record Reply(int status, JsonNode body) {
        int code() {
            return body.path("code").asInt();
        }

        JsonNode data() {
            return body.path("data");
        }
    }

    Reply call(String method, String path, String json, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            headers.forEach(b::header);
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), StandInMesh.MAPPER.readTree(r.body().isEmpty() ? "{}" : r.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Reply asUser(long userId, String method, String path, String json) {
        return call(method, path, json, Map.of("X-Apay-User-Id", Long.toString(userId)));
    }

    Reply asOperator(String role, String method, String path, String json) {
        return call(method, path, json, Map.of("X-Apay-Operator-Id", "7", "X-Apay-Operator-Roles", role));
    }

    Reply rpc(String method, String path, String json) {
        return call(method, path, json, Map.of());
    }

    static String json(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        try {
            return StandInMesh.MAPPER.writeValueAsString(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user with two-factor on (and a phone), funded in the stand-in ledger. */
    long user(long id, String funds) {
        MESH.user(id, "+86136" + String.format("%08d", id), true);
        if (funds != null) {
            MESH.fund("USER", Long.toString(id), funds);
        }
        return id;
    }

    /** An address in the user's book, its cool-down already over. */
    String usableAddress(long userId, String address) {
        Reply r = asUser(userId, "POST", "/app-api/wallet/address-book", json("network", "LOCAL", "address", address, "label", "my cold wallet"));
        if (r.status() != 200) {
            throw new AssertionError("address book: " + r.body());
        }
        jdbc.update("UPDATE wallet_address_book SET usable_at = usable_at - INTERVAL 2 HOUR WHERE id = ?", r.data().get("id").asLong());
        return r.data().get("address").asText();
    }

    Reply withdraw(long userId, String requestNo, String address, String amount) {
        return withdraw(userId, requestNo, address, amount, "123456", null);
    }

    Reply withdraw(long userId, String requestNo, String address, String amount, String totp, String sms) {
        return asUser(userId, "POST", "/app-api/wallet/withdrawals", json("requestNo", requestNo, "network", "LOCAL", "coin", "USDT",
                "toAddress", address, "amount", amount, "totpCode", totp, "smsCode", sms));
    }

    String status(String withdrawalNo) {
        return jdbc.queryForObject("SELECT status FROM wallet_withdrawal WHERE withdrawal_no = ?", String.class, withdrawalNo);
    }

    int recover() {
        Reply r = rpc("POST", "/rpc-api/wallet/jobs/recover?limit=100", null);
        if (r.status() != 200) {
            throw new AssertionError("recover: " + r.body());
        }
        return r.data().asInt();
    }
}
