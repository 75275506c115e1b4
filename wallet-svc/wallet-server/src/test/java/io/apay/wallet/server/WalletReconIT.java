package io.apay.wallet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** wallet's side of the cross-service reconciliation: what job-svc reads through WalletReconApi, on rows written here. */
@ApayIntegrationTest
class WalletReconIT extends WalletTestSupport {

    static final String WINDOW = "from=2026-02-28T11:00:00Z&to=2026-03-01T12:00:00Z";

    @BeforeEach
    void rows() {
        jdbc.update("DELETE FROM wallet_deposit");
        jdbc.update("DELETE FROM wallet_withdrawal");
        deposit(1, "0xaa01", 0, "CREDITED", "2026-03-01 11:00:00", 900L);
        deposit(2, "0xaa02", -1, "CREDITING", "2026-01-01 00:00:00", null);
        deposit(3, "0xaa03", 2, "CREDITED", "2026-02-01 00:00:00", 901L);     // credited before the window
        deposit(4, "0xaa04", 0, "CREDITED", "2026-03-01 12:00:00", 902L);     // at the window's (exclusive) end
        deposit(5, "0xaa05", 0, "CREDITED", "2026-02-28 11:00:00", 903L);     // at its (inclusive) start
        withdrawal(1, "COMPLETED", null, "2026-03-01 10:00:00");
        withdrawal(2, "FAILED", null, "2026-01-01 00:00:00");                // ended before the window
        withdrawal(3, "REVIEW", null, "2026-01-01 00:00:00");
        withdrawal(4, "RELEASING", "REJECTED", "2026-01-01 00:00:00");
        withdrawal(5, "REJECTED", null, "2026-03-01 12:00:00");              // at the window's end
        withdrawal(6, "HOLDING", null, "2026-03-01 11:59:00");
        withdrawal(7, "FAILED", null, "2026-02-28 11:00:00");
    }

    void deposit(long id, String txHash, int logIndex, String status, String updatedAt, Long txnId) {
        jdbc.update("INSERT INTO wallet_deposit (id, chain_deposit_id, network, coin, tx_hash, log_index, address, owner_ref, amount,"
                + " chain_amount, status, credit_txn_id, last_error, created_at, updated_at) VALUES (?, ?, 'LOCAL', 'USDT', ?, ?,"
                + " '0xAbC0000000000000000000000000000000000001', 'USER:1001', 12.5, 12.5, ?, ?, ?, '2026-01-01 00:00:00', ?)", id, 100 + id, txHash, logIndex, status, txnId,
                status.equals("CREDITING") ? "LEDGER_14001" : null, updatedAt);
    }

    void withdrawal(long id, String status, String ending, String updatedAt) {
        boolean held = !status.equals("HOLDING") && !(status.equals("FAILED") && id == 2);
        jdbc.update("INSERT INTO wallet_withdrawal (id, withdrawal_no, owner_ref, client_ref, network, coin, to_address, amount, fee,"
                + " status, ending, needs_review, hold_id, tx_hash, request_hash, created_at, updated_at) VALUES (?, ?, 'MERCHANT:M1', ?,"
                + " 'LOCAL', 'USDT', '0xDeF0000000000000000000000000000000000002', 250, 1, ?, ?, 0, ?, ?, REPEAT('a', 64),"
                + " '2026-01-01 00:00:00', ?)", id, "W" + id, "c-" + id, status, ending, held ? 2000 + id : null,
                status.equals("COMPLETED") ? "0xbeef" : null, updatedAt);
    }

    JsonNode page(String path) {
        Reply r = rpc("GET", path, null);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.data();
    }

    static List<String> texts(JsonNode list, String field) {
        List<String> all = new ArrayList<>();
        list.forEach(n -> all.add(n.get(field).asText()));
        return all;
    }

    @Test
    void depositsCreditedInTheWindowAndEveryOneStillCrediting() {
        JsonNode deposits = page("/rpc-api/wallet/recon/deposits?" + WINDOW + "&afterId=0&limit=100");
        // not one credited before the window, not one credited at its (exclusive) end
        assertThat(texts(deposits, "id")).containsExactly("1", "2", "5");
        JsonNode d = deposits.get(0);
        assertThat(d.get("chainDepositId").asLong()).isEqualTo(101);
        assertThat(d.get("network").asText()).isEqualTo("LOCAL");
        assertThat(d.get("coin").asText()).isEqualTo("USDT");
        assertThat(d.get("txHash").asText()).isEqualTo("0xaa01");
        assertThat(d.get("logIndex").asInt()).isZero();
        assertThat(d.get("address").asText()).isEqualTo("0xAbC0000000000000000000000000000000000001");
        assertThat(d.get("ownerRef").asText()).isEqualTo("USER:1001");
        assertThat(d.get("amount").asText()).isEqualTo("12.5"); // money is a plain string, without the column's trailing zeros
        assertThat(d.get("state").asText()).isEqualTo("CREDITED");
        assertThat(d.get("creditTxnId").asLong()).isEqualTo(900);
        assertThat(d.get("updatedAt").asText()).isEqualTo("2026-03-01T11:00:00Z");
        JsonNode crediting = deposits.get(1);
        assertThat(crediting.get("state").asText()).isEqualTo("CREDITING");
        assertThat(crediting.get("logIndex").asInt()).isEqualTo(-1);
        assertThat(crediting.get("lastError").asText()).isEqualTo("LEDGER_14001");
        assertThat(crediting.path("creditTxnId").isMissingNode() || crediting.get("creditTxnId").isNull()).isTrue();

        assertThat(texts(page("/rpc-api/wallet/recon/deposits?" + WINDOW + "&afterId=0&limit=1"), "id")).containsExactly("1");
        assertThat(texts(page("/rpc-api/wallet/recon/deposits?" + WINDOW + "&afterId=1&limit=2"), "id")).containsExactly("2", "5");
        assertThat(page("/rpc-api/wallet/recon/deposits?" + WINDOW + "&afterId=5&limit=2")).isEmpty();
    }

    @Test
    void withdrawalsThatEndedInTheWindowAndEveryOneUnderWayInTheirLocalState() {
        JsonNode withdrawals = page("/rpc-api/wallet/recon/withdrawals?" + WINDOW + "&afterId=0&limit=100");
        assertThat(texts(withdrawals, "withdrawalNo")).containsExactly("W1", "W3", "W4", "W6", "W7");
        JsonNode done = withdrawals.get(0);
        assertThat(done.get("ownerRef").asText()).isEqualTo("MERCHANT:M1");
        assertThat(done.get("network").asText()).isEqualTo("LOCAL");
        assertThat(done.get("toAddress").asText()).isEqualTo("0xDeF0000000000000000000000000000000000002");
        assertThat(done.get("amount").asText()).isEqualTo("250");
        assertThat(done.get("fee").asText()).isEqualTo("1");
        assertThat(done.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(done.get("holdId").asLong()).isEqualTo(2001);
        assertThat(done.get("txHash").asText()).isEqualTo("0xbeef");
        assertThat(done.get("updatedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        // the intents SETTLING and RELEASING are shown as they are, with the ending a RELEASING one goes to
        JsonNode releasing = withdrawals.get(2);
        assertThat(releasing.get("state").asText()).isEqualTo("RELEASING");
        assertThat(releasing.get("ending").asText()).isEqualTo("REJECTED");
        JsonNode holding = withdrawals.get(3);
        assertThat(holding.get("state").asText()).isEqualTo("HOLDING");
        assertThat(holding.path("holdId").isMissingNode() || holding.get("holdId").isNull()).isTrue();

        assertThat(texts(page("/rpc-api/wallet/recon/withdrawals?" + WINDOW + "&afterId=3&limit=2"), "withdrawalNo"))
                .containsExactly("W4", "W6");
    }

    @Test
    void pagingLimitsAndTheWindowAreChecked() {
        assertThat(rpc("GET", "/rpc-api/wallet/recon/deposits?" + WINDOW + "&afterId=0&limit=1001", null).code()).isEqualTo(10001);
        assertThat(rpc("GET", "/rpc-api/wallet/recon/withdrawals?" + WINDOW + "&afterId=-1&limit=10", null).code()).isEqualTo(10001);
        Reply noWindow = rpc("GET", "/rpc-api/wallet/recon/deposits?afterId=0&limit=10", null);
        assertThat(noWindow.status()).isEqualTo(400);
    }
}
