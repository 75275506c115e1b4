package io.apay.chainbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.LocalChain;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertySource;

/** The scheduled loops on their own (as deployed): a deposit and a withdrawal reach CONFIRMED without a test driving the steps. */
@ApayIntegrationTest(properties = {"apay.chain.jobs.enabled=true", "apay.chain.jobs.scan-interval=200ms",
        "apay.chain.jobs.send-interval=200ms"})
@DirtiesContext // its loops stop with the context, not against the node this class stops
class ChainJobsIT extends ChainBridgeTestBase {

    static final int N = 2;
    static final LocalChain chain = LocalChain.start();

    @DynamicPropertySource
    static void localNetwork(DynamicPropertyRegistry registry) {
        LocalNetwork.register(registry, chain, N);
    }

    @AfterAll
    static void stopChain() {
        chain.close();
    }

    /** Waits for a state the loops reach on their own; mines a block between looks (confirmations need blocks). */
    static void eventually(String what, BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            if (done.getAsBoolean()) {
                return;
            }
            chain.mine(1);
            Thread.sleep(100);
        }
        throw new AssertionError("never reached: " + what);
    }

    @Test
    void theLoopsConfirmADepositAndAWithdrawalAndReportTheScanLag() throws Exception {
        String address = depositAddress("USER:3001");
        chain.mint(chain.account(0), new BigDecimal("100"));
        String tx = chain.sendUsdt(0, address, new BigDecimal("42"));
        eventually("the deposit CONFIRMED", () -> jdbc.queryForList("SELECT status FROM chain_deposit WHERE tx_hash = ?", String.class, tx)
                .contains("CONFIRMED"));
        assertThat(events("deposit.confirmed", tx)).isEqualTo(1);

        chain.mint(chain.account(LocalNetwork.HOT_ACCOUNT), new BigDecimal("100"));
        String to = "0x000000000000000000000000000000000000bEEF";
        post("/rpc-api/chain/withdrawals", "{\"withdrawalId\":\"wallet:w:jobs\",\"network\":\"LOCAL\",\"coin\":\"USDT\",\"toAddress\":\""
                + to + "\",\"amount\":\"7\"}");
        eventually("the withdrawal CONFIRMED", () -> "CONFIRMED".equals(
                jdbc.queryForObject("SELECT status FROM chain_withdrawal WHERE withdrawal_id = 'wallet:w:jobs'", String.class)));
        assertThat(chain.usdtBalance(to)).isEqualByComparingTo("7");

        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> local = (java.util.Map<String, Object>) scanStatus.health().getDetails().get("LOCAL");
        assertThat(local).containsKeys("head", "scanned", "lag");
        assertThat(scanStatus.health().getStatus().getCode()).isEqualTo("UP");
        JsonNode health = get("/actuator/health");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("apay_chain_scan_lag_blocks{").contains("network=\"LOCAL\"");
    }
}
