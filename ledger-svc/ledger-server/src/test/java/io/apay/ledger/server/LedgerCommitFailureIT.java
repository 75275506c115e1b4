package io.apay.ledger.server;

import static io.apay.ledger.server.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.ledger.server.LedgerHttp.Reply;
import io.apay.ledger.server.WriterFaults.CommitFault;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a caller is told when the ledger's database fails around a batch's commit, on the real batched writer and
 * MariaDB with {@link WriterFaults} breaking the writers' connections. A failure before the commit was sent means
 * nothing was committed: 503. A failure of the commit itself, or after it, leaves the outcome unknown: 504 /
 * 14051, and a retry with the same key answers the transaction (if it did commit) or applies it (if it did not).
 */
@ApayIntegrationTest(properties = {
        "apay.ledger.writers=1", // so the commands one test sends together queue behind one writer, as one batch
        "apay.ledger.wait-timeout=10s"}) // a paused writer must not time its callers out on a loaded machine
@Import(WriterFaults.class)
class LedgerCommitFailureIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WriterFaults faults;

    @Autowired
    MeterRegistry meters;

    final ExecutorService callers = Executors.newCachedThreadPool();
    LedgerHttp http;
    String run;
    String payer;

    @BeforeEach
    void setUp() {
        http = new LedgerHttp(port);
        run = UUID.randomUUID().toString().substring(0, 8);
        payer = "payer-" + run;
        Reply funded = http.post("/rpc-api/ledger/credits", json("{'idempotencyKey':'%s','owner':{'ownerType':'USER','ownerId':'%s'},"
                + "'coin':'USDT','amount':'100'}", key("fund"), payer));
        assertThat(funded.status()).isEqualTo(200);
        // the payees exist (and are cached) before the fault, so only the transfer itself meets it
        for (int i = 0; i < 8; i++) {
            assertThat(http.post("/rpc-api/ledger/transfers", transfer(key("warm-" + i), payer, payee(i), "0.000001")).status())
                    .isEqualTo(200);
        }
    }

    @AfterEach
    void heal() {
        faults.heal();
        callers.shutdownNow();
    }

    String key(String name) {
        return "fault:" + run + ":" + name;
    }

    String payee(int i) {
        return "payee-" + run + "-" + i;
    }

    static String transfer(String key, String from, String to, String amount) {
        return json("{'idempotencyKey':'%s','legs':[{'from':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},"
                + "'to':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'amount':'%s'}]}", key, from, to, amount);
    }

    int txnCount(String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_txn WHERE idempotency_key = ?", Integer.class, key);
    }

    String balance(String ownerId) {
        return jdbc.queryForObject("SELECT a.balance FROM ledger_account a WHERE a.owner_type = 'USER' AND a.owner_id = ?"
                + " AND a.coin = 'USDT' AND a.kind = 'AVAILABLE'", BigDecimal.class, ownerId).stripTrailingZeros().toPlainString();
    }

    static void assertOutcomeUnknown(Reply r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(504);
        assertThat(r.code()).isEqualTo(14051);
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("simulated");
    }

    @Test
    void aCommitWhoseAnswerIsLostIsUnknownAndARetryAnswersTheCommittedTransaction() {
        faults.failNextJournalCommit(CommitFault.COMMITTED_ANSWER_LOST, true);
        String body = transfer(key("lost-answer"), payer, payee(0), "10");
        Reply first = http.post("/rpc-api/ledger/transfers", body);

        assertThat(faults.faultsFired()).isPositive();
        assertOutcomeUnknown(first);
        assertThat(txnCount(key("lost-answer"))).isEqualTo(1); // it did commit

        faults.heal();
        Reply retry = http.post("/rpc-api/ledger/transfers", body);
        assertThat(retry.status()).isEqualTo(200);
        long committed = jdbc.queryForObject("SELECT id FROM ledger_txn WHERE idempotency_key = ?", Long.class, key("lost-answer"));
        assertThat(retry.data().get("txnId").asLong()).isEqualTo(committed);
        assertThat(txnCount(key("lost-answer"))).isEqualTo(1);
        assertThat(balance(payer)).isEqualTo("89.999992"); // 100 - 8 x 0.000001 - 10, once
    }

    @Test
    void aCommitThatNeverReachedTheDatabaseIsUnknownAndARetryAppliesIt() {
        faults.failNextJournalCommit(CommitFault.LOST_BEFORE_COMMIT, true);
        String body = transfer(key("not-committed"), payer, payee(1), "10");
        Reply first = http.post("/rpc-api/ledger/transfers", body);

        assertOutcomeUnknown(first);
        assertThat(txnCount(key("not-committed"))).isZero(); // it did not commit
        assertThat(balance(payer)).isEqualTo("99.999992");

        faults.heal();
        Reply retry = http.post("/rpc-api/ledger/transfers", body);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.data().get("idempotencyKey").asText()).isEqualTo(key("not-committed"));
        assertThat(txnCount(key("not-committed"))).isEqualTo(1);
        assertThat(balance(payer)).isEqualTo("89.999992");
    }

    @Test
    void aWriterFailureAfterTheCommitIsUnknownNotAnInternalError() {
        faults.failNextJournalCommit(CommitFault.COMMITTED_THEN_ERROR, false);
        String body = transfer(key("error-after-commit"), payer, payee(2), "10");
        Reply first = http.post("/rpc-api/ledger/transfers", body);

        assertOutcomeUnknown(first);
        assertThat(txnCount(key("error-after-commit"))).isEqualTo(1);

        Reply retry = http.post("/rpc-api/ledger/transfers", body);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.data().get("txnId").asLong())
                .isEqualTo(jdbc.queryForObject("SELECT id FROM ledger_txn WHERE idempotency_key = ?", Long.class, key("error-after-commit")));
        assertThat(balance(payer)).isEqualTo("89.999992");
    }

    @Test
    void aCommittedTransactionThatCannotBeReadBackIsUnknownNotAnInternalError() {
        String body = transfer(key("read-back"), payer, payee(4), "10");
        long txnId = http.post("/rpc-api/ledger/transfers", body).data().get("txnId").asLong();

        // the retry finds the key (committed) but reading its transaction back fails
        faults.failNextJournalReadOffWriter();
        Reply retry = http.post("/rpc-api/ledger/transfers", body);
        assertThat(faults.faultsFired()).isPositive();
        assertOutcomeUnknown(retry);

        Reply again = http.post("/rpc-api/ledger/transfers", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().get("txnId").asLong()).isEqualTo(txnId);
        assertThat(balance(payer)).isEqualTo("89.999992");
    }

    @Test
    void aFailureBeforeTheCommitMeansNothingWasCommitted() {
        faults.takeDown();
        String body = transfer(key("down"), payer, payee(3), "10");
        Reply first = http.post("/rpc-api/ledger/transfers", body);

        assertThat(first.status()).as(first.raw()).isEqualTo(503);
        assertThat(first.code()).isEqualTo(10503);
        assertThat(txnCount(key("down"))).isZero();

        faults.heal();
        Reply retry = http.post("/rpc-api/ledger/transfers", body);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(txnCount(key("down"))).isEqualTo(1);
        assertThat(balance(payer)).isEqualTo("89.999992");
    }

    /**
     * A batch of eight commands whose commit fails, and the database is back at once: each command is applied
     * alone (not committed) or found by its key (committed); either way each has exactly one effect and answers 200.
     */
    @Test
    void whenTheDatabaseRecoversAtOnceEveryCommandOfTheFailedBatchHasExactlyOneEffect() throws Exception {
        for (CommitFault fault : List.of(CommitFault.COMMITTED_ANSWER_LOST, CommitFault.LOST_BEFORE_COMMIT)) {
            // hold the writer in a commit, queue eight commands behind it, then fail their batch's commit
            CountDownLatch paused = faults.pauseNextJournalCommit();
            CompletableFuture<Reply> blocker = CompletableFuture.supplyAsync(
                    () -> http.post("/rpc-api/ledger/transfers", transfer(key(fault + "-blocker"), payer, payee(0), "1")), callers);
            assertThat(paused.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String body = transfer(key(fault + "-" + i), payer, payee(i), "1");
                replies.add(CompletableFuture.supplyAsync(() -> http.post("/rpc-api/ledger/transfers", body), callers));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (meters.get("ledger.writer.queued").gauge().value() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(meters.get("ledger.writer.queued").gauge().value()).isEqualTo(8);
            int before = faults.faultsFired();
            faults.failNextJournalCommit(fault, false);
            faults.resume();

            assertThat(blocker.join().status()).isEqualTo(200);
            for (int i = 0; i < 8; i++) {
                Reply r = replies.get(i).join();
                assertThat(r.status()).as(fault + " " + r.raw()).isEqualTo(200);
                assertThat(r.data().get("txnId").asLong()).isEqualTo(jdbc.queryForObject(
                        "SELECT id FROM ledger_txn WHERE idempotency_key = ?", Long.class, key(fault + "-" + i)));
                assertThat(txnCount(key(fault + "-" + i))).isEqualTo(1);
            }
            assertThat(faults.faultsFired()).isEqualTo(before + 1);
        }
        assertThat(balance(payer)).isEqualTo("81.999992"); // 2 x (1 + 8) transfers of 1, each once
    }
}
