package io.apay.ledger.server;

import static io.apay.ledger.server.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.ledger.server.LedgerHttp.Reply;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reconciliation finds each kind of damage: the tests break the books behind the ledger's back (as a bad manual
 * fix or a bug would) and expect the run to name the check and the subject, and to be recorded.
 */
@ApayIntegrationTest
class ReconciliationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    LedgerHttp http;

    @BeforeEach
    void cleanBooks() {
        http = new LedgerHttp(port);
        // a fresh journal for each test; accounts stay (with zero balances), as their ids never change in real life
        for (String table : List.of("ledger_posting", "ledger_hold", "ledger_txn", "ledger_recon_run")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("UPDATE ledger_account SET balance = 0");
        http.post("/rpc-api/ledger/credits", json("{'idempotencyKey':'r:credit','owner':{'ownerType':'ACCEPTOR','ownerId':'a1'},'coin':'USDT','amount':'100'}"));
        http.post("/rpc-api/ledger/holds", json("{'idempotencyKey':'r:hold','owner':{'ownerType':'ACCEPTOR','ownerId':'a1'},'coin':'USDT','amount':'30','purpose':'FREEZE'}"));
    }

    JsonNode reconcile() {
        Reply r = http.post("/rpc-api/ledger/reconciliation", json("{'trigger':'test'}"));
        assertThat(r.status()).isEqualTo(200);
        return r.data();
    }

    List<String> checks(JsonNode report) {
        List<String> checks = new ArrayList<>();
        report.get("differences").forEach(d -> checks.add(d.get("check").asText() + " " + d.get("subject").asText()));
        return checks;
    }

    long account(String kind) {
        return jdbc.queryForObject("SELECT id FROM ledger_account WHERE owner_id = 'a1' AND kind = ?", Long.class, kind);
    }

    @Test
    void healthyBooksReconcileAndTheRunIsRecorded() {
        JsonNode report = reconcile();
        assertThat(report.get("ok").asBoolean()).isTrue();
        assertThat(report.get("accountsChecked").asLong()).isGreaterThanOrEqualTo(3); // FUNDING, AVAILABLE, FROZEN
        assertThat(report.get("postingsChecked").asLong()).isEqualTo(4);
        assertThat(report.get("holdsChecked").asLong()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_recon_run WHERE ok = 1 AND run_trigger = 'test'", Integer.class)).isEqualTo(1);
    }

    @Test
    void aVoidedKeyHasNoPostingsAndReconciles() {
        Reply v = http.post("/rpc-api/ledger/keys/void", json("{'idempotencyKey':'r:void','bizRef':'order:1'}"));
        assertThat(v.status()).as(v.raw()).isEqualTo(200);
        JsonNode report = reconcile();
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("postingsChecked").asLong()).isEqualTo(4);
    }

    @Test
    void aPostingOnAVoidIsFound() {
        long voidTxn = http.post("/rpc-api/ledger/keys/void", json("{'idempotencyKey':'r:void'}")).data().get("txnId").asLong();
        long available = account("AVAILABLE");
        // a zero amount that keeps the balance chain: only the VOID check can see it
        jdbc.update("INSERT INTO ledger_posting (txn_id, account_id, coin, amount, balance_after, created_at)"
                + " VALUES (?, ?, 'USDT', 0, 70, UTC_TIMESTAMP(3))", voidTxn, available);
        JsonNode report = reconcile();
        assertThat(checks(report)).containsExactly("VOID_HAS_NO_POSTINGS txn " + voidTxn);
        assertThat(report.get("differences").get(0).get("expected").asText()).isEqualTo("0");
        assertThat(report.get("differences").get(0).get("actual").asText()).isEqualTo("1");
    }

    @Test
    void aTransactionWithoutPostingsIsFoundUnlessItIsAVoid() {
        http.post("/rpc-api/ledger/keys/void", json("{'idempotencyKey':'r:void'}"));
        jdbc.update("INSERT INTO ledger_txn (id, idempotency_key, request_hash, type, created_at)"
                + " VALUES (990001, 'r:bare', REPEAT('0', 64), 'TRANSFER', UTC_TIMESTAMP(3))");
        long hold = jdbc.queryForObject("SELECT id FROM ledger_txn WHERE idempotency_key = 'r:hold'", Long.class);
        JsonNode report = reconcile();
        assertThat(checks(report)).containsExactly("TXN_HAS_POSTINGS txn 990001 TRANSFER");
        assertThat(report.get("differences").get(0).get("expected").asText()).isEqualTo("2");
        assertThat(report.get("differences").get(0).get("actual").asText()).isEqualTo("0");
        // a hold that lost one side: one posting left, and its sum is off too
        jdbc.update("DELETE FROM ledger_posting WHERE id = (SELECT MAX(id) FROM (SELECT id FROM ledger_posting WHERE txn_id = ?) p)", hold);
        assertThat(checks(reconcile())).contains("TXN_HAS_POSTINGS txn " + hold + " HOLD", "TXN_SUM_PER_COIN txn " + hold + " USDT");
    }

    @Test
    void aBalanceEditedByHandIsFound() {
        long available = account("AVAILABLE");
        jdbc.update("UPDATE ledger_account SET balance = balance + 1 WHERE id = ?", available);
        JsonNode report = reconcile();
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(checks(report)).containsExactlyInAnyOrder(
                "BALANCE_EQUALS_POSTINGS account " + available, "BALANCE_AFTER_CHAIN account " + available);
        JsonNode d = report.get("differences").get(0);
        assertThat(d.get("expected").asText()).isEqualTo("70");
        assertThat(d.get("actual").asText()).isEqualTo("71");
        JsonNode runs = http.get("/admin-api/ledger/reconciliation/runs").data();
        assertThat(runs.get("list").get(0).get("ok").asBoolean()).isFalse();
        assertThat(runs.get("list").get(0).get("differenceCount").asLong()).isEqualTo(2);
    }

    @Test
    void anUnbalancedPostingIsFound() {
        long available = account("AVAILABLE");
        long txn = jdbc.queryForObject("SELECT id FROM ledger_txn WHERE idempotency_key = 'r:credit'", Long.class);
        jdbc.update("INSERT INTO ledger_posting (txn_id, account_id, coin, amount, balance_after, created_at)"
                + " VALUES (?, ?, 'USDT', 5, 75, UTC_TIMESTAMP(3))", txn, available);
        jdbc.update("UPDATE ledger_account SET balance = 75 WHERE id = ?", available);
        JsonNode report = reconcile();
        assertThat(checks(report)).containsExactlyInAnyOrder("POSTINGS_SUM_PER_COIN USDT", "TXN_SUM_PER_COIN txn " + txn + " USDT");
    }

    @Test
    void aForbiddenNegativeBalanceIsFound() throws Exception {
        long available = account("AVAILABLE");
        // the table's CHECK constraint refuses this; switch it off for this one connection, as a damaged copy might be
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET SESSION check_constraint_checks = 0");
            s.executeUpdate("INSERT INTO ledger_posting (txn_id, account_id, coin, amount, balance_after, created_at)"
                    + " SELECT id, " + available + ", 'USDT', -80, -10, UTC_TIMESTAMP(3) FROM ledger_txn WHERE idempotency_key = 'r:credit'");
            s.executeUpdate("UPDATE ledger_account SET balance = -10 WHERE id = " + available);
            s.execute("SET SESSION check_constraint_checks = 1");
        }
        assertThat(checks(reconcile())).contains("NO_FORBIDDEN_NEGATIVE account " + available);
    }

    @Test
    void aHoldClosedWithoutMovingTheCoinIsFound() {
        jdbc.update("UPDATE ledger_hold SET status = 'RELEASED', remaining = 0, released = amount");
        long frozen = account("FROZEN");
        JsonNode report = reconcile();
        assertThat(checks(report)).containsExactly("HELD_EQUALS_OPEN_HOLDS account " + frozen);
        assertThat(report.get("differences").get(0).get("expected").asText()).isEqualTo("0");
        assertThat(report.get("differences").get(0).get("actual").asText()).isEqualTo("30");
    }
}
