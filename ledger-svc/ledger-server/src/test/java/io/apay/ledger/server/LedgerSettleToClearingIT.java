package io.apay.ledger.server;

import static io.apay.ledger.server.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.ledger.server.LedgerHttp.Reply;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A settlement that leaves the platform (wallet-svc's withdrawal): the hold of amount + fee is paid to the platform's
 * WITHDRAWAL_CLEARING account ({@code payeeKind}) less a flat fee that goes whole to FEE_INCOME ({@code flatFee}).
 */
@ApayIntegrationTest
class LedgerSettleToClearingIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    LedgerHttp http;
    String run;

    @BeforeEach
    void setUp() {
        http = new LedgerHttp(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    String key(String name) {
        return "test:" + run + ":" + name;
    }

    String balance(String ownerType, String ownerId, String kind) {
        for (JsonNode b : http.get("/rpc-api/ledger/balances?ownerType=" + ownerType + "&ownerId=" + ownerId + "&coin=USDT").data()) {
            if (b.get("kind").asText().equals(kind)) {
                return b.get("balance").asText();
            }
        }
        return "none";
    }

    long fundAndHold(String user, String credit, String hold) {
        assertThat(http.post("/rpc-api/ledger/credits", json("{'idempotencyKey':'%s','owner':{'ownerType':'USER','ownerId':'%s'},"
                + "'coin':'USDT','amount':'%s'}", key("credit-" + user), user, credit)).status()).isEqualTo(200);
        Reply h = http.post("/rpc-api/ledger/holds", json("{'idempotencyKey':'%s','owner':{'ownerType':'USER','ownerId':'%s'},"
                + "'coin':'USDT','amount':'%s','purpose':'FREEZE','bizRef':'w:%s'}", key("hold-" + user), user, hold, user));
        assertThat(h.status()).isEqualTo(200);
        return h.data().get("holdId").asLong();
    }

    @Test
    void aHoldSettlesToWithdrawalClearingWithAFlatFeeToFeeIncomeOnce() {
        String user = "wd-" + run;
        long holdId = fundAndHold(user, "500", "101");
        String feeBefore = balance("PLATFORM", "platform", "FEE_INCOME");
        String clearingBefore = balance("PLATFORM", "platform", "WITHDRAWAL_CLEARING");

        String settle = json("{'idempotencyKey':'%s','payee':{'ownerType':'PLATFORM','ownerId':'platform'},"
                + "'payeeKind':'WITHDRAWAL_CLEARING','flatFee':'1','bizRef':'w:%s'}", key("settle"), user);
        Reply s = http.post("/rpc-api/ledger/holds/" + holdId + "/settle", settle);
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.data().get("type").asText()).isEqualTo("SETTLE");
        assertThat(s.data().get("postings").toString())
                .contains("\"kind\":\"WITHDRAWAL_CLEARING\",\"amount\":\"100.000000\"")
                .contains("\"kind\":\"FEE_INCOME\",\"amount\":\"1.000000\"");
        assertThat(balance("USER", user, "AVAILABLE")).isEqualTo("399.000000");
        assertThat(balance("USER", user, "FROZEN")).isEqualTo("0.000000");
        assertThat(new BigDecimal(balance("PLATFORM", "platform", "FEE_INCOME")).subtract(decimal(feeBefore)))
                .isEqualByComparingTo("1");
        assertThat(new BigDecimal(balance("PLATFORM", "platform", "WITHDRAWAL_CLEARING")).subtract(decimal(clearingBefore)))
                .isEqualByComparingTo("100");

        // a retry answers the same transaction; the same key with another fee is another request
        assertThat(http.post("/rpc-api/ledger/holds/" + holdId + "/settle", settle).data().get("txnId").asLong())
                .isEqualTo(s.data().get("txnId").asLong());
        Reply otherFee = http.post("/rpc-api/ledger/holds/" + holdId + "/settle", json("{'idempotencyKey':'%s',"
                + "'payee':{'ownerType':'PLATFORM','ownerId':'platform'},'payeeKind':'WITHDRAWAL_CLEARING','flatFee':'2','bizRef':'w:%s'}",
                key("settle"), user));
        assertThat(otherFee.code()).isEqualTo(14030);

        Reply recon = http.post("/rpc-api/ledger/reconciliation", "{\"trigger\":\"test\"}");
        assertThat(recon.data().get("differenceCount").asLong()).isZero();
    }

    @Test
    void badSettlementsToClearingAreRefusedWithNoEffect() {
        String user = "bad-" + run;
        long holdId = fundAndHold(user, "50", "10");
        String path = "/rpc-api/ledger/holds/" + holdId + "/settle";
        // a fee above the amount settled
        assertThat(http.post(path, json("{'idempotencyKey':'%s','payee':{'ownerType':'PLATFORM','ownerId':'platform'},"
                + "'payeeKind':'WITHDRAWAL_CLEARING','flatFee':'10.000001'}", key("s1"))).code()).isEqualTo(14012);
        // a fee by schedule and a flat fee at once
        assertThat(http.post(path, json("{'idempotencyKey':'%s','payee':{'ownerType':'PLATFORM','ownerId':'platform'},"
                + "'payeeKind':'WITHDRAWAL_CLEARING','flatFee':'1','feeBizType':'WITHDRAWAL'}", key("s2"))).code()).isEqualTo(10001);
        // held-only kinds move only through holds
        assertThat(http.post(path, json("{'idempotencyKey':'%s','payee':{'ownerType':'USER','ownerId':'x-%s'},"
                + "'payeeKind':'FROZEN'}", key("s3"), run)).code()).isEqualTo(14005);
        // a user has no clearing account
        assertThat(http.post(path, json("{'idempotencyKey':'%s','payee':{'ownerType':'USER','ownerId':'x-%s'},"
                + "'payeeKind':'WITHDRAWAL_CLEARING'}", key("s4"), run)).code()).isEqualTo(14004);
        // a fee with more decimals than the coin
        assertThat(http.post(path, json("{'idempotencyKey':'%s','payee':{'ownerType':'PLATFORM','ownerId':'platform'},"
                + "'payeeKind':'WITHDRAWAL_CLEARING','flatFee':'0.0000001'}", key("s5"))).code()).isEqualTo(10001);
        assertThat(balance("USER", user, "FROZEN")).isEqualTo("10.000000");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_txn WHERE idempotency_key LIKE ?", Integer.class,
                "test:" + run + ":s%")).isZero();
        assertThat(http.get("/rpc-api/ledger/holds/" + holdId).data().get("status").asText()).isEqualTo("OPEN");
    }

    private static BigDecimal decimal(String balance) {
        return "none".equals(balance) ? BigDecimal.ZERO : new BigDecimal(balance);
    }
}
