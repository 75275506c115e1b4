package io.apay.ledger.server;

import static io.apay.ledger.server.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.core.error.ServiceException;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.dto.SettleHoldRequest;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.VoidKeyRequest;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.api.enums.TxnType;
import io.apay.ledger.server.LedgerHttp.Reply;
import io.apay.ledger.server.service.engine.RequestHash;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.openfeign.FeignClientBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Voiding an idempotency key ({@code POST /rpc-api/ledger/keys/void}) on the real MariaDB: a voided key refuses
 * every later request with 14030 and moves no money; a void of a key another request used is refused and the key
 * tells what it was; a repeated void answers the same VOID; a settle and a void racing for one key have exactly one
 * winner, and the money matches the winners.
 */
@ApayIntegrationTest
class LedgerVoidKeyIT {

    static final int RACES = 100;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @Autowired
    DataSource dataSource;

    LedgerHttp http;
    String run;
    String acceptor;
    String merchant;
    long holdId;
    final ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeforeEach
    void setUp() {
        http = new LedgerHttp(port);
        run = UUID.randomUUID().toString().substring(0, 8);
        acceptor = "acc-" + run;
        merchant = "m-" + run;
        ok(http.post("/rpc-api/ledger/credits", json("{'idempotencyKey':'%s','owner':{'ownerType':'ACCEPTOR','ownerId':'%s'},"
                + "'coin':'USDT','amount':'1000'}", key("fund"), acceptor)));
        holdId = ok(hold(key("hold"), "100")).get("holdId").asLong();
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    String key(String name) {
        return "void:" + run + ":" + name;
    }

    static JsonNode ok(Reply r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.data();
    }

    static void refusedAsReused(Reply r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(422);
        assertThat(r.code()).as(r.raw()).isEqualTo(14030);
    }

    Reply voidKey(String key, String bizRef, String memo) {
        return http.post("/rpc-api/ledger/keys/void", json("{'idempotencyKey':'%s'%s%s}", key,
                bizRef == null ? "" : ",'bizRef':'" + bizRef + "'", memo == null ? "" : ",'memo':'" + memo + "'"));
    }

    Reply hold(String key, String amount) {
        return http.post("/rpc-api/ledger/holds", json("{'idempotencyKey':'%s','owner':{'ownerType':'ACCEPTOR','ownerId':'%s'},"
                + "'coin':'USDT','amount':'%s','purpose':'FREEZE'}", key, acceptor, amount));
    }

    /** A partial settlement (the hold stays open) of {@code amount} to the merchant, no fee. */
    Reply settle(String key, String amount) {
        return http.post("/rpc-api/ledger/holds/" + holdId + "/settle", json("{'idempotencyKey':'%s','amount':'%s',"
                + "'finalSettle':false,'payee':{'ownerType':'MERCHANT','ownerId':'%s'}}", key, amount, merchant));
    }

    /**
     * The non-zero balances of both owners and the hold, as one comparable text. (A refused command may leave an
     * account it named, with a zero balance: docs/ledger.md, "Idempotency".)
     */
    String money() {
        StringBuilder text = new StringBuilder();
        for (String owner : List.of("ACCEPTOR&ownerId=" + acceptor, "MERCHANT&ownerId=" + merchant)) {
            http.get("/rpc-api/ledger/balances?ownerType=" + owner).data().forEach(b -> {
                if (new BigDecimal(b.get("balance").asText()).signum() != 0) {
                    text.append(b.get("ownerType").asText()).append(':').append(b.get("kind").asText()).append('=')
                            .append(b.get("balance").asText()).append(' ');
                }
            });
        }
        return text.append(http.get("/rpc-api/ledger/holds/" + holdId).data()).toString();
    }

    int journalRows(String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_txn WHERE idempotency_key = ?", Integer.class, key);
    }

    @Test
    void aVoidedKeyRefusesEveryLaterRequestAndMovesNothing() {
        String k = key("order-1:settle");
        String before = money();
        JsonNode v = ok(voidKey(k, "order:" + run + ":1", "appeal cancelled"));
        assertThat(v.get("type").asText()).isEqualTo("VOID");
        assertThat(v.get("idempotencyKey").asText()).isEqualTo(k);
        assertThat(v.get("bizRef").asText()).isEqualTo("order:" + run + ":1");
        assertThat(v.get("memo").asText()).isEqualTo("appeal cancelled");
        assertThat(v.has("holdId")).isFalse();
        assertThat(v.get("postings").isArray()).isTrue();
        assertThat(v.get("postings")).isEmpty();
        long txnId = v.get("txnId").asLong();

        refusedAsReused(settle(k, "10"));
        refusedAsReused(http.post("/rpc-api/ledger/holds/" + holdId + "/settle", json("{'idempotencyKey':'%s',"
                + "'payee':{'ownerType':'MERCHANT','ownerId':'%s'},'feeBizType':'OTC_PAYMENT'}", k, merchant)));
        refusedAsReused(hold(k, "10"));
        refusedAsReused(http.post("/rpc-api/ledger/holds/" + holdId + "/release", json("{'idempotencyKey':'%s'}", k)));
        refusedAsReused(http.post("/rpc-api/ledger/credits", json("{'idempotencyKey':'%s','owner':{'ownerType':'ACCEPTOR',"
                + "'ownerId':'%s'},'coin':'USDT','amount':'5'}", k, acceptor)));
        refusedAsReused(http.post("/rpc-api/ledger/transfers", json("{'idempotencyKey':'%s','legs':[{'from':{'ownerType':'ACCEPTOR',"
                + "'ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'to':{'ownerType':'MERCHANT','ownerId':'%s','coin':'USDT',"
                + "'kind':'AVAILABLE'},'amount':'5'}]}", k, acceptor, merchant)));
        assertThat(money()).isEqualTo(before);
        JsonNode hold = http.get("/rpc-api/ledger/holds/" + holdId).data();
        assertThat(hold.get("status").asText()).isEqualTo("OPEN");
        assertThat(hold.get("remaining").asText()).isEqualTo("100.000000");

        // every read shows it, with no postings
        for (Reply read : List.of(http.get("/rpc-api/ledger/transactions/by-key?idempotencyKey=" + k),
                http.get("/rpc-api/ledger/transactions/" + txnId))) {
            JsonNode t = ok(read);
            assertThat(t.get("txnId").asLong()).isEqualTo(txnId);
            assertThat(t.get("type").asText()).isEqualTo("VOID");
            assertThat(t.get("postings")).isEmpty();
        }
        JsonNode byRefs = ok(http.post("/rpc-api/ledger/transactions/by-biz-refs", json("{'bizRefs':['order:%s:1']}", run)));
        assertThat(byRefs).hasSize(1);
        assertThat(byRefs.get(0).get("txnId").asLong()).isEqualTo(txnId);
        assertThat(byRefs.get(0).get("postings")).isEmpty();
        assertThat(ok(http.get("/rpc-api/ledger/transactions?bizRef=order:" + run + ":1")).get(0).get("type").asText()).isEqualTo("VOID");
        assertThat(journalRows(k)).isEqualTo(1);

        Reply reverse = http.post("/rpc-api/ledger/transactions/" + txnId + "/reverse", json("{'idempotencyKey':'%s'}", key("rev")));
        assertThat(reverse.status()).as(reverse.raw()).isEqualTo(409);
        assertThat(reverse.code()).isEqualTo(14022);
    }

    @Test
    void aVoidOfAKeyAnotherRequestUsedIsRefusedAndTheKeyTellsWhatItWas() {
        String k = key("order-2:settle");
        JsonNode settled = ok(settle(k, "10"));
        String after = money();
        refusedAsReused(voidKey(k, null, null));
        refusedAsReused(voidKey(k, "order:" + run + ":2", "give up"));
        assertThat(money()).isEqualTo(after);
        JsonNode byKey = ok(http.get("/rpc-api/ledger/transactions/by-key?idempotencyKey=" + k));
        assertThat(byKey.get("type").asText()).isEqualTo("SETTLE");
        assertThat(byKey.get("txnId").asLong()).isEqualTo(settled.get("txnId").asLong());
        assertThat(byKey.get("postings")).hasSize(2);
        assertThat(http.get("/rpc-api/ledger/holds/" + holdId).data().get("settled").asText()).isEqualTo("10.000000");

        // the hold's own key as well
        refusedAsReused(voidKey(key("hold"), null, null));
        assertThat(ok(http.get("/rpc-api/ledger/transactions/by-key?idempotencyKey=" + key("hold"))).get("type").asText()).isEqualTo("HOLD");
    }

    @Test
    void aRepeatedVoidAnswersTheSameTransactionAndAnotherVoidOfTheKeyIsRefused() {
        String k = key("ad-7:hold");
        JsonNode first = ok(voidKey(k, "ad:" + run + ":7", "hold refused"));
        JsonNode again = ok(voidKey(k, "ad:" + run + ":7", "hold refused"));
        assertThat(again).isEqualTo(first);
        refusedAsReused(voidKey(k, "ad:" + run + ":7", "another memo"));
        refusedAsReused(voidKey(k, null, null));
        assertThat(journalRows(k)).isEqualTo(1);
    }

    @Test
    void aRefusedRequestLeavesItsKeyFreeToVoid() {
        String k = key("order-3:settle");
        Reply tooMuch = settle(k, "5000");
        assertThat(tooMuch.code()).as(tooMuch.raw()).isEqualTo(14012);
        assertThat(ok(voidKey(k, null, null)).get("type").asText()).isEqualTo("VOID");
        refusedAsReused(settle(k, "10"));
    }

    @Test
    void aBadVoidIsRefusedWithOneMessagePerField() {
        for (String[] bad : List.of(
                new String[] {"{}", "idempotencyKey"},
                new String[] {"{'idempotencyKey':''}", "idempotencyKey"},
                new String[] {"{'idempotencyKey':'has space'}", "idempotencyKey"},
                new String[] {"{'idempotencyKey':'" + "k".repeat(129) + "'}", "idempotencyKey"},
                new String[] {"{'idempotencyKey':'k-" + run + "','bizRef':'" + "b".repeat(129) + "'}", "bizRef"},
                new String[] {"{'idempotencyKey':'k-" + run + "','memo':'" + "m".repeat(256) + "'}", "memo"})) {
            Reply r = http.post("/rpc-api/ledger/keys/void", json(bad[0]));
            assertThat(r.status()).as(bad[0] + " " + r.raw()).isEqualTo(400);
            assertThat(r.code()).isEqualTo(10001);
            assertThat(r.body().at("/data/errors").findValuesAsText("field")).as(r.raw()).containsExactly(bad[1]);
        }
        assertThat(journalRows("k-" + run)).isZero();
        assertThat(ok(voidKey("k".repeat(128), null, "m".repeat(255))).get("type").asText()).isEqualTo("VOID");
    }

    @Test
    void feignCallersVoidAKeyAndGetTheRefusalBack() {
        LedgerApi api = new FeignClientBuilder(context).forType(LedgerApi.class, "ledger-svc")
                .url("http://127.0.0.1:" + port).build();
        String k = key("feign");
        TransactionView v = api.voidKey(new VoidKeyRequest(k, "order:" + run + ":9", null)).checkedData();
        assertThat(v.type()).isEqualTo(TxnType.VOID);
        assertThat(v.postings()).isEmpty();
        assertThat(v.holdId()).isNull();
        assertThat(api.voidKey(new VoidKeyRequest(k, "order:" + run + ":9", null)).checkedData().txnId()).isEqualTo(v.txnId());
        SettleHoldRequest settle = new SettleHoldRequest(k, new BigDecimal("1"), false, OwnerRef.of(OwnerType.MERCHANT, merchant),
                null, null, null, null);
        assertThatThrownBy(() -> api.settle(holdId, settle).checkedData())
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(LedgerErrorCodes.IDEMPOTENCY_KEY_REUSED.code()));
        assertThat(api.getTransactionByKey(k).checkedData().txnId()).isEqualTo(v.txnId());
    }

    /**
     * Another replica's writer holds the key in an uncommitted journal row: this replica's command waits on the
     * journal's unique key, then meets the committed row (a duplicate key, then the key check) and is answered by it.
     */
    @Test
    void aKeyClaimedOnAnotherReplicaDecidesThroughTheJournalsUniqueKey() throws Exception {
        String before = money();
        String settleKey = key("other-replica:settle");
        claimOnAnotherReplica(9_000_000_001L, settleKey, "order:" + run + ":5", () -> settle(settleKey, "1"), LedgerVoidKeyIT::refusedAsReused);
        assertThat(money()).isEqualTo(before);
        assertThat(ok(http.get("/rpc-api/ledger/transactions/by-key?idempotencyKey=" + settleKey)).get("txnId").asLong())
                .isEqualTo(9_000_000_001L);

        String voidKey = key("other-replica:void");
        claimOnAnotherReplica(9_000_000_002L, voidKey, "order:" + run + ":6", () -> voidKey(voidKey, "order:" + run + ":6", null),
                r -> assertThat(ok(r).get("txnId").asLong()).isEqualTo(9_000_000_002L));
        assertThat(journalRows(settleKey) + journalRows(voidKey)).isEqualTo(2);
    }

    /** Writes a VOID of {@code key} on another connection, sends {@code call} while it is uncommitted, then commits. */
    void claimOnAnotherReplica(long txnId, String key, String bizRef, Supplier<Reply> call, Consumer<Reply> expect)
            throws Exception {
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("INSERT INTO ledger_txn (id, idempotency_key, request_hash,"
                    + " type, biz_ref, created_at) VALUES (?, ?, ?, 'VOID', ?, UTC_TIMESTAMP(3))")) {
                insert.setLong(1, txnId);
                insert.setString(2, key);
                insert.setString(3, RequestHash.of("VOID").add(bizRef).add(null).sha256());
                insert.setString(4, bizRef);
                insert.executeUpdate();
            }
            Future<Reply> reply = pool.submit(call::get);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            // the writer's insert of the key waits for the other transaction (seen in the process list)
            while (jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE id <> CONNECTION_ID()"
                    + " AND info LIKE 'INSERT INTO ledger_txn %' AND LOCATE(?, info) > 0", Integer.class, "'" + key + "'") == 0) {
                assertThat(System.nanoTime()).as("the writer waits on the uncommitted key").isLessThan(deadline);
                assertThat(reply.isDone()).as("answered before the other transaction committed").isFalse();
                Thread.sleep(5);
            }
            other.commit();
            expect.accept(reply.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSettleAndAVoidRacingForOneKeyHaveExactlyOneWinner() throws Exception {
        Random random = new Random(20261127L);
        BigDecimal each = new BigDecimal("0.5");
        int settles = 0;
        int voids = 0;
        for (int i = 0; i < RACES; i++) {
            String k = key("race-" + i);
            CountDownLatch go = new CountDownLatch(1);
            Future<Reply> settle = pool.submit(racer(go, random.nextInt(5_001), () -> settle(k, each.toPlainString())));
            Future<Reply> voided = pool.submit(racer(go, random.nextInt(5_001), () -> voidKey(k, "race:" + run, null)));
            go.countDown();
            Reply s = settle.get(30, TimeUnit.SECONDS);
            Reply v = voided.get(30, TimeUnit.SECONDS);
            assertThat(List.of(s.status(), v.status())).as("race " + i + ": " + s.raw() + " / " + v.raw()).containsExactlyInAnyOrder(200, 422);
            Reply winner = s.status() == 200 ? s : v;
            refusedAsReused(winner == s ? v : s);
            JsonNode byKey = ok(http.get("/rpc-api/ledger/transactions/by-key?idempotencyKey=" + k));
            assertThat(byKey.get("txnId").asLong()).isEqualTo(winner.data().get("txnId").asLong());
            assertThat(byKey.get("type").asText()).isEqualTo(winner == s ? "SETTLE" : "VOID");
            if (winner == s) {
                settles++;
            } else {
                voids++;
            }
        }
        System.out.printf("void race: %d settles won, %d voids won%n", settles, voids);
        assertThat(settles + voids).isEqualTo(RACES);
        assertThat(settles).as("settles won").isPositive();
        assertThat(voids).as("voids won").isPositive();

        BigDecimal settled = each.multiply(BigDecimal.valueOf(settles));
        JsonNode hold = http.get("/rpc-api/ledger/holds/" + holdId).data();
        assertThat(new BigDecimal(hold.get("settled").asText())).isEqualByComparingTo(settled);
        assertThat(new BigDecimal(hold.get("remaining").asText())).isEqualByComparingTo(new BigDecimal("100").subtract(settled));
        assertThat(hold.get("status").asText()).isEqualTo("OPEN");
        assertThat(balance(OwnerType.MERCHANT, merchant, "AVAILABLE")).isEqualByComparingTo(settled);
        assertThat(balance(OwnerType.ACCEPTOR, acceptor, "FROZEN")).isEqualByComparingTo(new BigDecimal("100").subtract(settled));
        assertThat(balance(OwnerType.ACCEPTOR, acceptor, "AVAILABLE")).isEqualByComparingTo("900");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_txn WHERE type = 'SETTLE' AND hold_id = ?", Integer.class, holdId))
                .isEqualTo(settles);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_txn WHERE type = 'VOID' AND biz_ref = ?", Integer.class, "race:" + run))
                .isEqualTo(voids);

        JsonNode report = ok(http.post("/rpc-api/ledger/reconciliation", json("{'trigger':'void-race'}")));
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
    }

    /** Waits for the start, then {@code delayMicros} (0-5 ms), then sends. */
    static Callable<Reply> racer(CountDownLatch go, int delayMicros, Supplier<Reply> call) {
        return () -> {
            go.await();
            TimeUnit.MICROSECONDS.sleep(delayMicros);
            return call.get();
        };
    }

    BigDecimal balance(OwnerType ownerType, String ownerId, String kind) {
        List<String> found = new ArrayList<>();
        http.get("/rpc-api/ledger/balances?ownerType=" + ownerType + "&ownerId=" + ownerId + "&coin=USDT").data()
                .forEach(b -> {
                    if (b.get("kind").asText().equals(kind)) {
                        found.add(b.get("balance").asText());
                    }
                });
        assertThat(found).as(ownerType + ":" + ownerId + ":" + kind).hasSize(1);
        return new BigDecimal(found.get(0));
    }
}
