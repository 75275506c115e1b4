package io.apay.chainbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.LocalChain;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.Keys;

/** What chain-bridge-svc refuses to send, at its boundary: the platform's own addresses. */
@ApayIntegrationTest(properties = "apay.chain.jobs.enabled=false")
class WithdrawalBoundaryIT extends ChainBridgeTestBase {

    static final LocalChain chain = LocalChain.start();

    @DynamicPropertySource
    static void localNetwork(DynamicPropertyRegistry registry) {
        LocalNetwork.register(registry, chain, 3);
    }

    @AfterAll
    static void stopChain() {
        chain.close();
    }

    static String freshAddress(int n) {
        return Keys.toChecksumAddress(String.format("0x%040x", new BigInteger("cd00", 16).add(BigInteger.valueOf(n))));
    }

    JsonNode withdraw(String id, String to, String amount) throws Exception {
        return post("/rpc-api/chain/withdrawals", "{\"withdrawalId\":\"" + id + "\",\"network\":\"LOCAL\",\"coin\":\"USDT\""
                + ",\"toAddress\":\"" + to + "\",\"amount\":\"" + amount + "\"}");
    }

    int rows(String id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM chain_withdrawal WHERE withdrawal_id = ?", Integer.class, id);
    }

    @Test
    void theAddressCheckTellsThePlatformsOwnAddressesAndASendToOneIsRefusedWithNothingStored() throws Exception {
        String deposit = depositAddress("USER:7001");
        String hot = Keys.toChecksumAddress(chain.account(LocalNetwork.HOT_ACCOUNT));

        JsonNode ofDeposit = get("/rpc-api/chain/addresses/check?network=LOCAL&address=" + deposit.toLowerCase());
        assertThat(ofDeposit.path("data").path("address").asText()).isEqualTo(deposit);
        assertThat(ofDeposit.path("data").path("platformAddress").asBoolean()).isTrue();
        assertThat(get("/rpc-api/chain/addresses/check?network=LOCAL&address=" + hot).path("data").path("platformAddress").asBoolean())
                .isTrue();
        JsonNode outside = get("/rpc-api/chain/addresses/check?network=LOCAL&address=" + freshAddress(1));
        assertThat(outside.path("data").path("platformAddress").asBoolean()).isFalse();

        JsonNode toDeposit = withdraw("wallet:w:own1", deposit.toLowerCase(), "1");
        assertThat(toDeposit.path("code").asInt()).isEqualTo(17012);
        assertThat(toDeposit.path("_http").asInt()).isEqualTo(400);
        assertThat(withdraw("wallet:w:own2", hot, "1").path("code").asInt()).isEqualTo(17012);
        assertThat(rows("wallet:w:own1") + rows("wallet:w:own2")).isZero();
        assertThat(withdraw("wallet:w:own3", freshAddress(2), "1").path("data").path("status").asText()).isEqualTo("QUEUED");
    }
}
