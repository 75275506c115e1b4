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

/** What chain-bridge-svc refuses to send, at its boundary: the platform's own addresses, and a voided withdrawal id. */
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

    JsonNode voidId(String id) throws Exception {
        return post("/rpc-api/chain/withdrawals/" + id + "/void", "");
    }

    @Test
    void aVoidedIdIsNeverQueuedAndAnswersAsUnknown() throws Exception {
        JsonNode voided = voidId("wallet:w:void1");
        assertThat(voided.path("data").path("voided").asBoolean()).as(voided.toString()).isTrue();
        assertThat(voided.path("data").path("withdrawal").isNull() || voided.path("data").path("withdrawal").isMissingNode()).isTrue();

        // the earlier attempt still in flight arrives after the caller gave the withdrawal up
        JsonNode late = withdraw("wallet:w:void1", freshAddress(3), "1");
        assertThat(late.path("code").asInt()).isEqualTo(17013);
        assertThat(late.path("_http").asInt()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT status FROM chain_withdrawal WHERE withdrawal_id = 'wallet:w:void1'", String.class))
                .isEqualTo("VOIDED");
        assertThat(voidId("wallet:w:void1").path("data").path("voided").asBoolean()).isTrue(); // idempotent
        assertThat(get("/rpc-api/chain/withdrawals/wallet:w:void1").path("code").asInt()).isEqualTo(17011);
        JsonNode recon = post("/rpc-api/chain/recon/withdrawals/by-ids", "{\"withdrawalIds\":[\"wallet:w:void1\"]}");
        assertThat(recon.path("data").size()).as(recon.toString()).isZero();

        sender.runOnce(LocalNetwork.NAME);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chain_tx t JOIN chain_withdrawal w ON t.owner_id = w.id"
                + " AND t.owner_kind = 'WITHDRAWAL' WHERE w.withdrawal_id = 'wallet:w:void1'", Integer.class)).isZero(); // nothing signed
    }

    @Test
    void voidingAnIdAWithdrawalWasAcceptedUnderAnswersThatWithdrawal() throws Exception {
        String to = freshAddress(4);
        assertThat(withdraw("wallet:w:void2", to, "2.5").path("data").path("status").asText()).isEqualTo("QUEUED");
        JsonNode answer = voidId("wallet:w:void2");
        assertThat(answer.path("data").path("voided").asBoolean()).isFalse();
        assertThat(answer.path("data").path("withdrawal").path("withdrawalId").asText()).isEqualTo("wallet:w:void2");
        assertThat(answer.path("data").path("withdrawal").path("toAddress").asText()).isEqualTo(to);
        assertThat(answer.path("data").path("withdrawal").path("amount").asText()).isEqualTo("2.5");
        assertThat(jdbc.queryForObject("SELECT status FROM chain_withdrawal WHERE withdrawal_id = 'wallet:w:void2'", String.class))
                .isEqualTo("QUEUED");
        assertThat(voidId("x".repeat(65)).path("_http").asInt()).isEqualTo(400);
    }
}
