package io.apay.chainbridge.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.chainbridge.server.service.DepositScanner;
import io.apay.chainbridge.server.service.ScanStatus;
import io.apay.chainbridge.server.service.WithdrawalSender;
import io.apay.common.test.LocalChain;
import io.apay.common.test.MeshCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Calls chain-bridge-svc as another service does (mesh credential) and reads its tables. */
abstract class ChainBridgeTestBase {

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected DepositScanner scanner;
    @Autowired
    protected WithdrawalSender sender;
    @Autowired
    protected ScanStatus scanStatus;

    protected final HttpClient http = MeshCredentials.signing(HttpClient.newHttpClient());
    protected final ObjectMapper mapper = new ObjectMapper();

    protected JsonNode post(String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = mapper.readTree(r.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_http", r.statusCode());
        return body;
    }

    protected JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = mapper.readTree(r.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_http", r.statusCode());
        return body;
    }

    protected String depositAddress(String ownerRef) throws Exception {
        JsonNode r = post("/rpc-api/chain/deposit-addresses", "{\"network\":\"LOCAL\",\"ownerRef\":\"" + ownerRef + "\"}");
        return r.path("data").path("address").asText();
    }

    /** Scans until the scanner has caught up with the head (a reorg rewinds first, then rescans). */
    protected void scanUp(LocalChain chain) {
        for (int i = 0; i < 50; i++) {
            scanner.scanOnce(LocalNetwork.NAME);
            if (scanStatus.lag(LocalNetwork.NAME) == 0 && scanner.scanOnce(LocalNetwork.NAME) == 0
                    && scanStatus.lag(LocalNetwork.NAME) == 0) {
                return;
            }
        }
        throw new AssertionError("the scanner did not catch up with block " + chain.blockNumber());
    }

    protected Map<String, Object> deposit(String txHash) {
        return jdbc.queryForMap("SELECT * FROM chain_deposit WHERE tx_hash = ?", txHash);
    }

    protected int depositRows(String txHash) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM chain_deposit WHERE tx_hash = ?", Integer.class, txHash);
    }

    protected int events(String routingKey, String mentioning) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE routing_key = ? AND payload LIKE ?", Integer.class,
                routingKey, "%" + mentioning + "%");
    }
}
