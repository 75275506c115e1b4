package io.apay.ledger.server;

import static io.apay.ledger.server.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.error.ServiceException;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.MeshCredentials;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.LedgerErrorCodes;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.TransferLeg;
import io.apay.ledger.api.dto.TransferRequest;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.server.LedgerHttp.Reply;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import io.apay.common.test.StatementCounter;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.openfeign.FeignClientBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger's API as callers use it: JSON over HTTP (and the Feign interface), on the real MariaDB. */
@ApayIntegrationTest
@Import(LedgerApiIT.Counting.class)
class LedgerApiIT {

    @TestConfiguration
    static class Counting {
        @Bean
        static StatementCounter statementCounter() {
            return new StatementCounter();
        }
    }

    @Autowired
    StatementCounter counter;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

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

    Reply credit(String ownerType, String ownerId, String amount) {
        return http.post("/rpc-api/ledger/credits", json("{'idempotencyKey':'%s','owner':{'ownerType':'%s','ownerId':'%s'},"
                + "'coin':'USDT','amount':'%s','bizRef':'test','memo':'funding'}", key("credit-" + ownerId), ownerType, ownerId, amount));
    }

    String balance(String ownerType, String ownerId, String kind) {
        JsonNode list = http.get("/rpc-api/ledger/balances?ownerType=" + ownerType + "&ownerId=" + ownerId + "&coin=USDT").data();
        for (JsonNode b : list) {
            if (b.get("kind").asText().equals(kind)) {
                return b.get("balance").asText();
            }
        }
        return "none";
    }

    String transfer(String key, String from, String to, String amount) {
        return json("{'idempotencyKey':'%s','bizRef':'t','legs':[{'from':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},"
                + "'to':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'amount':'%s'}]}", key, from, to, amount);
    }

    int txnCount(String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ledger_txn WHERE idempotency_key = ?", Integer.class, key);
    }

    @Test
    void anOperatorCreditFundsAUserFromThePlatformFundingAccount() {
        String user = "u-" + run;
        Reply r = credit("USER", user, "250.5");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data().get("type").asText()).isEqualTo("CREDIT");
        JsonNode postings = r.data().get("postings");
        assertThat(postings).hasSize(2);
        assertThat(postings.get(0).get("kind").asText()).isEqualTo("FUNDING");
        assertThat(postings.get(0).get("amount").asText()).isEqualTo("-250.500000");
        assertThat(postings.get(1).get("amount").isTextual()).isTrue(); // money is a JSON string
        assertThat(postings.get(1).get("balanceAfter").asText()).isEqualTo("250.500000");
        assertThat(balance("USER", user, "AVAILABLE")).isEqualTo("250.500000");
    }

    @Test
    void anOverdraftIsRejectedWithNoPartialPostings() {
        String a = "a-" + run;
        String b = "b-" + run;
        String c = "c-" + run;
        credit("USER", a, "100");
        credit("USER", b, "5");
        // leg 1 is fine, leg 2 would take b below zero: neither happens
        String k = key("overdraft");
        Reply r = http.post("/rpc-api/ledger/transfers", json("{'idempotencyKey':'%s','legs':["
                + "{'from':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'to':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'amount':'10'},"
                + "{'from':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'to':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'amount':'5.000001'}]}",
                k, a, c, b, c));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo(14001);
        assertThat(r.raw()).doesNotContain("Exception");
        assertThat(balance("USER", a, "AVAILABLE")).isEqualTo("100.000000");
        assertThat(balance("USER", b, "AVAILABLE")).isEqualTo("5.000000");
        assertThat(balance("USER", c, "AVAILABLE")).isIn("none", "0.000000");
        assertThat(txnCount(k)).isZero();

        // the rejected key left no trace: once b has the coin, the same request goes through
        credit("USER", b + "x", "1");
        http.post("/rpc-api/ledger/transfers", transfer(key("topup"), b + "x", b, "1"));
        Reply again = http.post("/rpc-api/ledger/transfers", json("{'idempotencyKey':'%s','legs':["
                + "{'from':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'to':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'amount':'10'},"
                + "{'from':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'to':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},'amount':'5.000001'}]}",
                k, a, c, b, c));
        assertThat(again.status()).isEqualTo(200);
        assertThat(balance("USER", c, "AVAILABLE")).isEqualTo("15.000001");
        assertThat(balance("USER", b, "AVAILABLE")).isEqualTo("0.999999");
    }

    @Test
    void theSameKeyAndPayloadAnswersTheSameTransactionOnce() {
        String a = "a-" + run;
        credit("USER", a, "100");
        String k = key("idem");
        Reply first = http.post("/rpc-api/ledger/transfers", transfer(k, a, "d-" + run, "30"));
        Reply second = http.post("/rpc-api/ledger/transfers", transfer(k, a, "d-" + run, "30.000"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.data().get("txnId").asLong()).isEqualTo(first.data().get("txnId").asLong());
        assertThat(second.data().get("postings")).isEqualTo(first.data().get("postings"));
        assertThat(balance("USER", a, "AVAILABLE")).isEqualTo("70.000000");
        assertThat(txnCount(k)).isEqualTo(1);

        Reply conflict = http.post("/rpc-api/ledger/transfers", transfer(k, a, "d-" + run, "31"));
        assertThat(conflict.status()).isEqualTo(422);
        assertThat(conflict.code()).isEqualTo(14030);
        assertThat(balance("USER", a, "AVAILABLE")).isEqualTo("70.000000");

        Reply byKey = http.get("/rpc-api/ledger/transactions/by-key?idempotencyKey=" + k);
        assertThat(byKey.data().get("txnId").asLong()).isEqualTo(first.data().get("txnId").asLong());
    }

    @Test
    void aHoldSettlesToTheMerchantMinusFeesOnceAndOnlyOnce() {
        String acceptor = "acc-" + run;
        String merchant = "m-" + run;
        credit("ACCEPTOR", acceptor, "1000");
        Reply hold = http.post("/rpc-api/ledger/holds", json("{'idempotencyKey':'%s','owner':{'ownerType':'ACCEPTOR','ownerId':'%s'},"
                + "'coin':'USDT','amount':'300','purpose':'FREEZE','bizRef':'order-1'}", key("hold"), acceptor));
        assertThat(hold.status()).isEqualTo(200);
        long holdId = hold.data().get("holdId").asLong();
        assertThat(balance("ACCEPTOR", acceptor, "AVAILABLE")).isEqualTo("700.000000");
        assertThat(balance("ACCEPTOR", acceptor, "FROZEN")).isEqualTo("300.000000");

        // settle 100.03 of the 300: 2% fee = 2.0006; 40% commission to the acceptor = 0.80024; 60% platform = 1.20036
        String settle = json("{'idempotencyKey':'%s','amount':'100.03','payee':{'ownerType':'MERCHANT','ownerId':'%s'},"
                + "'feeBizType':'OTC_PAYMENT','bizRef':'order-1'}", key("settle"), merchant);
        Reply s = http.post("/rpc-api/ledger/holds/" + holdId + "/settle", settle);
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.data().get("type").asText()).isEqualTo("SETTLE");
        assertThat(balance("MERCHANT", merchant, "AVAILABLE")).isEqualTo("98.029400");
        // the commission lands on the acceptor's AVAILABLE, and the rest of the hold (199.97) is released
        assertThat(balance("ACCEPTOR", acceptor, "AVAILABLE")).isEqualTo("900.770240");
        assertThat(balance("ACCEPTOR", acceptor, "FROZEN")).isEqualTo("0.000000");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode p : s.data().get("postings")) {
            sum = sum.add(new BigDecimal(p.get("amount").asText()));
        }
        assertThat(sum).isEqualByComparingTo("0");
        JsonNode h = http.get("/rpc-api/ledger/holds/" + holdId).data();
        assertThat(h.get("status").asText()).isEqualTo("SETTLED");
        assertThat(h.get("settled").asText()).isEqualTo("100.030000");
        assertThat(h.get("released").asText()).isEqualTo("199.970000");

        // a second settlement or a release (new keys) is rejected with no effect; a retry of the first is its answer
        Reply again = http.post("/rpc-api/ledger/holds/" + holdId + "/settle", json("{'idempotencyKey':'%s','payee':{'ownerType':'MERCHANT','ownerId':'%s'}}",
                key("settle-2"), merchant));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo(14011);
        Reply release = http.post("/rpc-api/ledger/holds/" + holdId + "/release", json("{'idempotencyKey':'%s'}", key("release")));
        assertThat(release.code()).isEqualTo(14011);
        Reply retry = http.post("/rpc-api/ledger/holds/" + holdId + "/settle", settle);
        assertThat(retry.data().get("txnId").asLong()).isEqualTo(s.data().get("txnId").asLong());
        assertThat(balance("MERCHANT", merchant, "AVAILABLE")).isEqualTo("98.029400");
        assertThat(txnCount(key("settle-2")) + txnCount(key("release"))).isZero();
    }

    @Test
    void aHoldCanBeSettledInPartsAndTheRestReleasedOnce() {
        String owner = "p-" + run;
        credit("USER", owner, "50");
        long holdId = http.post("/rpc-api/ledger/holds", json("{'idempotencyKey':'%s','owner':{'ownerType':'USER','ownerId':'%s'},"
                + "'coin':'USDT','amount':'40','purpose':'FREEZE'}", key("hold"), owner)).data().get("holdId").asLong();
        Counted part = counted(() -> http.post("/rpc-api/ledger/holds/" + holdId + "/settle", json("{'idempotencyKey':'%s','amount':'15',"
                + "'finalSettle':false,'payee':{'ownerType':'MERCHANT','ownerId':'m-%s'}}", key("part-1"), run)));
        assertThat(part.reply().status()).isEqualTo(200);
        assertThat(part.holdLookups()).as("the first settlement reads the hold's coin and owner").isEqualTo(1);
        assertThat(http.get("/rpc-api/ledger/holds/" + holdId).data().get("remaining").asText()).isEqualTo("25.000000");
        Counted tooMuch = counted(() -> http.post("/rpc-api/ledger/holds/" + holdId + "/settle", json("{'idempotencyKey':'%s',"
                + "'amount':'25.000001','payee':{'ownerType':'MERCHANT','ownerId':'m-%s'}}", key("part-2"), run)));
        assertThat(tooMuch.holdLookups()).as("a later one knows them (they never change)").isZero();
        // what is left is still checked on the hold as the writer reads it, under its lock
        assertThat(tooMuch.reply().code()).isEqualTo(14012);
        Reply released = http.post("/rpc-api/ledger/holds/" + holdId + "/release", json("{'idempotencyKey':'%s'}", key("release")));
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.data().get("type").asText()).isEqualTo("RELEASE");
        assertThat(balance("USER", owner, "AVAILABLE")).isEqualTo("35.000000");
        assertThat(balance("USER", owner, "FROZEN")).isEqualTo("0.000000");
        Reply twice = http.post("/rpc-api/ledger/holds/" + holdId + "/release", json("{'idempotencyKey':'%s'}", key("release-2")));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo(14011);
    }

    /** A call's reply and how often, while it ran, a settle request read the hold itself (not the writer's locked read). */
    record Counted(Reply reply, long holdLookups) {
    }

    Counted counted(Supplier<Reply> call) {
        counter.start();
        try {
            Reply reply = call.get();
            return new Counted(reply, counter.recorded().stream()
                    .filter(c -> c.what().startsWith("SELECT id,purpose,") && c.what().contains("FROM ledger_hold WHERE id=?")).count());
        } finally {
            counter.stop();
        }
    }

    @Test
    void aMarginDepositIsHeldInTheAcceptorsMarginAccount() {
        String acceptor = "mg-" + run;
        credit("ACCEPTOR", acceptor, "500");
        Reply r = http.post("/rpc-api/ledger/holds", json("{'idempotencyKey':'%s','owner':{'ownerType':'ACCEPTOR','ownerId':'%s'},"
                + "'coin':'USDT','amount':'200','purpose':'MARGIN'}", key("margin"), acceptor));
        assertThat(r.status()).isEqualTo(200);
        assertThat(balance("ACCEPTOR", acceptor, "MARGIN")).isEqualTo("200.000000");
        Reply user = http.post("/rpc-api/ledger/holds", json("{'idempotencyKey':'%s','owner':{'ownerType':'USER','ownerId':'%s'},"
                + "'coin':'USDT','amount':'1','purpose':'MARGIN'}", key("user-margin"), acceptor));
        assertThat(user.code()).isEqualTo(14004);
    }

    @Test
    void aTransferIsReversedOnceByItsExactNegation() {
        String a = "ra-" + run;
        String b = "rb-" + run;
        credit("USER", a, "20");
        long txnId = http.post("/rpc-api/ledger/transfers", transfer(key("t"), a, b, "7.5")).data().get("txnId").asLong();
        Reply rev = http.post("/rpc-api/ledger/transactions/" + txnId + "/reverse", json("{'idempotencyKey':'%s','memo':'refund'}", key("rev")));
        assertThat(rev.status()).isEqualTo(200);
        assertThat(rev.data().get("type").asText()).isEqualTo("REVERSAL");
        assertThat(rev.data().get("reversesTxnId").asLong()).isEqualTo(txnId);
        assertThat(balance("USER", a, "AVAILABLE")).isEqualTo("20.000000");
        assertThat(balance("USER", b, "AVAILABLE")).isEqualTo("0.000000");
        JsonNode original = http.get("/rpc-api/ledger/transactions/" + txnId).data();
        assertThat(original.get("reversedByTxnId").asLong()).isEqualTo(rev.data().get("txnId").asLong());
        assertThat(original.get("postings")).hasSize(2); // nothing deleted

        Reply twice = http.post("/rpc-api/ledger/transactions/" + txnId + "/reverse", json("{'idempotencyKey':'%s'}", key("rev-2")));
        assertThat(twice.code()).isEqualTo(14021);
        long reversal = rev.data().get("txnId").asLong();
        Reply ofReversal = http.post("/rpc-api/ledger/transactions/" + reversal + "/reverse", json("{'idempotencyKey':'%s'}", key("rev-3")));
        assertThat(ofReversal.code()).isEqualTo(14022);
        Reply missing = http.post("/rpc-api/ledger/transactions/999999999/reverse", json("{'idempotencyKey':'%s'}", key("rev-4")));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo(14020);
    }

    @Test
    void aReversalThatWouldOverdrawIsRejected() {
        String a = "oa-" + run;
        String b = "ob-" + run;
        credit("USER", a, "10");
        long txnId = http.post("/rpc-api/ledger/transfers", transfer(key("t"), a, b, "10")).data().get("txnId").asLong();
        http.post("/rpc-api/ledger/transfers", transfer(key("spend"), b, "oc-" + run, "4"));
        Reply rev = http.post("/rpc-api/ledger/transactions/" + txnId + "/reverse", json("{'idempotencyKey':'%s'}", key("rev")));
        assertThat(rev.code()).isEqualTo(14001);
        assertThat(balance("USER", b, "AVAILABLE")).isEqualTo("6.000000");
    }

    @Test
    void aTransferWithAFeePaysThePlatform() {
        String a = "fa-" + run;
        credit("USER", a, "100");
        Reply r = http.post("/rpc-api/ledger/transfers", json("{'idempotencyKey':'%s','feeBizType':'WITHDRAWAL','legs':[{"
                + "'from':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},"
                + "'to':{'ownerType':'PLATFORM','ownerId':'platform','coin':'USDT','kind':'WITHDRAWAL_CLEARING'},'amount':'60'}]}", key("w"), a));
        assertThat(r.status()).isEqualTo(200);
        // 0.1% of 60 + 1 fixed = 1.06
        JsonNode quote = http.get("/rpc-api/ledger/fees/quote?coin=USDT&bizType=WITHDRAWAL&amount=60").data();
        assertThat(quote.get("fee").asText()).isEqualTo("1.060000");
        assertThat(quote.get("net").asText()).isEqualTo("58.940000");
        boolean feeIncome = false;
        for (JsonNode p : r.data().get("postings")) {
            if (p.get("kind").asText().equals("FEE_INCOME")) {
                feeIncome = true;
                assertThat(p.get("amount").asText()).isEqualTo("1.060000");
            }
            if (p.get("kind").asText().equals("WITHDRAWAL_CLEARING")) {
                assertThat(p.get("amount").asText()).isEqualTo("58.940000");
            }
        }
        assertThat(feeIncome).isTrue();
        Reply noSchedule = http.post("/rpc-api/ledger/transfers", json("{'idempotencyKey':'%s','feeBizType':'NOPE','legs':[{"
                + "'from':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},"
                + "'to':{'ownerType':'USER','ownerId':'x','coin':'USDT','kind':'AVAILABLE'},'amount':'1'}]}", key("nf"), a));
        assertThat(noSchedule.code()).isEqualTo(14040);
    }

    @Test
    void badInputGetsAClearCodeAndNoEffect() {
        String a = "v-" + run;
        credit("USER", a, "10");
        Reply decimals = http.post("/rpc-api/ledger/transfers", transfer(key("d"), a, "w", "1.0000001"));
        assertThat(decimals.status()).isEqualTo(400);
        assertThat(decimals.code()).isEqualTo(10001);
        assertThat(decimals.body().get("message").asText()).contains("more than 6 decimals");

        Reply number = http.post("/rpc-api/ledger/transfers", transfer(key("n"), a, "w", "1").replace("\"amount\":\"1\"", "\"amount\":1"));
        assertThat(number.code()).isEqualTo(10002);

        Reply negative = http.post("/rpc-api/ledger/transfers", transfer(key("neg"), a, "w", "-1"));
        assertThat(negative.code()).isEqualTo(10001);

        Reply coin = http.post("/rpc-api/ledger/credits", json("{'idempotencyKey':'%s','owner':{'ownerType':'USER','ownerId':'%s'},"
                + "'coin':'DOGE','amount':'1'}", key("coin"), a));
        assertThat(coin.code()).isEqualTo(14003);

        Reply kind = http.post("/rpc-api/ledger/transfers", json("{'idempotencyKey':'%s','legs':[{"
                + "'from':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},"
                + "'to':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'FEE_INCOME'},'amount':'1'}]}", key("k"), a, a));
        assertThat(kind.code()).isEqualTo(14004);

        Reply frozen = http.post("/rpc-api/ledger/transfers", json("{'idempotencyKey':'%s','legs':[{"
                + "'from':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'AVAILABLE'},"
                + "'to':{'ownerType':'USER','ownerId':'%s','coin':'USDT','kind':'FROZEN'},'amount':'1'}]}", key("f"), a, a));
        assertThat(frozen.code()).isEqualTo(14005);

        Reply self = http.post("/rpc-api/ledger/transfers", transfer(key("self"), a, a, "1"));
        assertThat(self.code()).isEqualTo(14006);

        Reply badKey = http.post("/rpc-api/ledger/transfers", transfer("has space", a, "w", "1"));
        assertThat(badKey.code()).isEqualTo(10001);

        for (Reply r : List.of(decimals, number, negative, coin, kind, frozen, self, badKey)) {
            assertThat(r.raw()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(balance("USER", a, "AVAILABLE")).isEqualTo("10.000000");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_txn WHERE idempotency_key LIKE ?", Integer.class,
                "test:" + run + ":%")).isEqualTo(1); // the credit only
    }

    @Test
    void statementsArePagedNewestFirstWithRunningBalances() {
        String a = "s-" + run;
        credit("USER", a, "100");
        for (int i = 1; i <= 3; i++) {
            http.post("/rpc-api/ledger/transfers", transfer(key("s" + i), a, "sx-" + run, i + ".5"));
        }
        Reply page = http.get("/rpc-api/ledger/statement?ownerType=USER&ownerId=" + a + "&coin=USDT&kind=AVAILABLE&pageNo=1&pageSize=2");
        assertThat(page.data().get("total").asLong()).isEqualTo(4);
        JsonNode list = page.data().get("list");
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("amount").asText()).isEqualTo("-3.500000");
        assertThat(list.get(0).get("balanceAfter").asText()).isEqualTo("92.500000");
        assertThat(list.get(1).get("balanceAfter").asText()).isEqualTo("96.000000");
        assertThat(list.get(0).get("txnType").asText()).isEqualTo("TRANSFER");
        Reply second = http.get("/rpc-api/ledger/statement?ownerType=USER&ownerId=" + a + "&coin=USDT&kind=AVAILABLE&pageNo=2&pageSize=2");
        assertThat(second.data().get("list").get(1).get("txnType").asText()).isEqualTo("CREDIT");
        assertThat(http.get("/rpc-api/ledger/statement?ownerType=USER&ownerId=nobody&coin=USDT&kind=AVAILABLE").code()).isEqualTo(14002);
        assertThat(http.get("/rpc-api/ledger/statement?ownerType=USER&ownerId=" + a + "&coin=USDT&kind=AVAILABLE&pageSize=101").code()).isEqualTo(10001);
    }

    @Test
    void theAdminReadApiShowsBalancesTransactionsAndReconciliationRuns() {
        String a = "adm-" + run;
        credit("USER", a, "42");
        Reply balances = http.get("/admin-api/ledger/balances?ownerType=USER&ownerId=" + a);
        assertThat(balances.data().get(0).get("balance").asText()).isEqualTo("42.000000");
        Reply byRef = http.get("/admin-api/ledger/transactions?bizRef=test");
        assertThat(byRef.data().size()).isGreaterThanOrEqualTo(1);
        long txnId = byRef.data().get(0).get("txnId").asLong();
        assertThat(http.get("/admin-api/ledger/transactions/" + txnId).data().get("txnId").asLong()).isEqualTo(txnId);
        assertThat(http.get("/admin-api/ledger/fee-schedules").data().toString()).contains("OTC_PAYMENT");
        assertThat(http.get("/admin-api/ledger/coins").data().toString()).contains("{\"code\":\"USDT\",\"scale\":6}");

        // starting a run is a write: not for a read-only role (the runs it lists are)
        assertThat(http.post("/admin-api/ledger/reconciliation/runs", "").status()).isEqualTo(403);
    }

    @Test
    void aFeignCallerGetsTheLedgersErrorCodeBack() {
        LedgerApi api = new FeignClientBuilder(context).forType(LedgerApi.class, "ledger-svc")
                .url("http://127.0.0.1:" + port).build();
        AccountRef from = AccountRef.of(OwnerType.USER, "feign-" + run, "USDT", AccountKind.AVAILABLE);
        AccountRef to = AccountRef.of(OwnerType.USER, "feign2-" + run, "USDT", AccountKind.AVAILABLE);
        TransferRequest request = new TransferRequest(key("feign"), null, null,
                List.of(new TransferLeg(from, to, new BigDecimal("1.25"))), null, null);
        assertThatThrownBy(() -> api.transfer(request))
                .isInstanceOfSatisfying(ServiceException.class, e -> assertThat(e.code()).isEqualTo(LedgerErrorCodes.INSUFFICIENT_BALANCE.code()));
        assertThat(api.coins().checkedData()).extracting("code").contains("USDT", "BTC", "ETH");
    }

    @Test
    void onlyFinanceCreditsByHandAndEveryCreditIsLoggedWithItsReason() throws Exception {
        String owner = "credit-" + UUID.randomUUID().toString().substring(0, 8);
        String body = json("{'requestId':'%s','owner':{'ownerType':'ACCEPTOR','ownerId':'%s'},'coin':'USDT','amount':'250.5','reason':'%s'}",
                "req-" + owner, owner, "margin top-up, ticket 77");
        HttpClient client = MeshCredentials.signing(HttpClient.newHttpClient());
        BiFunction<String, String, HttpResponse<String>> as = (roles, json) -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin-api/ledger/credits"))
                        .header("Content-Type", "application/json").header("X-Apay-Operator-Id", "5").header("X-Apay-Operator-Roles", roles)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertThat(as.apply("SUPPORT", body).statusCode()).isEqualTo(403);
        assertThat(as.apply("FINANCE", body).statusCode()).isEqualTo(200);
        assertThat(as.apply("FINANCE", body).statusCode()).isEqualTo(200); // the same request again: one credit
        assertThat(http.get("/admin-api/ledger/balances?ownerType=ACCEPTOR&ownerId=" + owner).data().findValuesAsText("balance"))
                .containsExactly("250.500000");
        Map<String, Object> log = jdbc.queryForList("SELECT * FROM op_log WHERE operation = 'ledger.admin.credit' AND outcome = 'SUCCESS'")
                .stream().filter(r -> ((String) r.get("args")).contains(owner)).findFirst().orElseThrow();
        assertThat(log.get("actor_id")).isEqualTo("5");
        assertThat(log.get("reason")).isEqualTo("margin top-up, ticket 77");
        assertThat((String) log.get("after_state")).contains("250.5");
    }

    @Test
    void anOperatorsReconciliationRunIsLoggedWithItsOptionalReason() throws Exception {
        HttpClient client = MeshCredentials.signing(HttpClient.newHttpClient());
        Function<String, HttpResponse<String>> reconcile = json -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin-api/ledger/reconciliation/runs"))
                        .header("Content-Type", "application/json").header("X-Apay-Operator-Id", "5").header("X-Apay-Operator-Roles", "FINANCE")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String reason = "after the hot-wallet incident " + run;
        HttpResponse<String> ok = reconcile.apply(json("{'reason':'%s'}", reason));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        long runId = new ObjectMapper().readTree(ok.body()).path("data").path("runId").asLong();
        assertThat(http.get("/admin-api/ledger/reconciliation/runs?pageSize=5").data().get("list").get(0).get("runId").asLong()).isEqualTo(runId);
        Map<String, Object> log = jdbc.queryForMap("SELECT * FROM op_log WHERE operation = 'ledger.reconciliation.run' ORDER BY id DESC LIMIT 1");
        assertThat(log.get("reason")).isEqualTo(reason);
        assertThat(log.get("actor_id")).isEqualTo("5");
        assertThat(log.get("outcome")).isEqualTo("SUCCESS");
        assertThat(reconcile.apply("{}").statusCode()).isEqualTo(200); // the reason stays optional
        HttpResponse<String> tooLong = reconcile.apply(json("{'reason':'%s'}", "x".repeat(256)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("\"code\":10001");
    }

    @Test
    void aBadCreditRequestIsRefusedWithItsFieldsAndMovesNothing() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String owner = "badcredit-" + UUID.randomUUID().toString().substring(0, 8);
        HttpClient client = MeshCredentials.signing(HttpClient.newHttpClient());
        Function<String, HttpResponse<String>> asFinance = json -> {
            try {
                return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin-api/ledger/credits"))
                        .header("Content-Type", "application/json").header("X-Apay-Operator-Id", "5").header("X-Apay-Operator-Roles", "FINANCE")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        String ownerJson = "'owner':{'ownerType':'ACCEPTOR','ownerId':'" + owner + "'}";
        Map<String, String> bad = Map.of(
                "amount", json("{'requestId':'req-%s-1',%s,'coin':'USDT','amount':'-5','reason':'x'}", owner, ownerJson),
                "reason", json("{'requestId':'req-%s-2',%s,'coin':'USDT','amount':'5'}", owner, ownerJson),
                "requestId", json("{'requestId':'short',%s,'coin':'USDT','amount':'5','reason':'x'}", ownerJson));
        for (Map.Entry<String, String> b : bad.entrySet()) {
            HttpResponse<String> r = asFinance.apply(b.getValue());
            assertThat(r.statusCode()).as(b.getKey()).isEqualTo(400);
            JsonNode body = mapper.readTree(r.body());
            assertThat(body.get("code").asInt()).isEqualTo(10001);
            assertThat(body.at("/data/errors").findValuesAsText("field")).contains(b.getKey());
        }
        HttpResponse<String> malformed = asFinance.apply("{\"requestId\":\"req-" + owner + "\",\"amount\":\"ten\"");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(mapper.readTree(malformed.body()).get("code").asInt()).isEqualTo(10002);
        assertThat(malformed.body()).doesNotContain("Exception").doesNotContain("at io.");
        assertThat(http.get("/admin-api/ledger/balances?ownerType=ACCEPTOR&ownerId=" + owner).data().findValuesAsText("balance")).isEmpty();
    }

    /** Keys are compared byte for byte: a key differing only in case is another key, not a replay or a conflict. */
    @Test
    void anIdempotencyKeyDifferingOnlyInCaseIsADifferentKey() {
        String a = "a-" + run;
        credit("USER", a, "100");
        String upper = key("Idem-CASE");
        String lower = key("idem-case");
        Reply first = http.post("/rpc-api/ledger/transfers", transfer(upper, a, "d-" + run, "30"));
        Reply other = http.post("/rpc-api/ledger/transfers", transfer(lower, a, "d-" + run, "31"));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(other.status()).as(other.raw()).isEqualTo(200);
        assertThat(other.data().get("txnId").asLong()).isNotEqualTo(first.data().get("txnId").asLong());
        assertThat(balance("USER", a, "AVAILABLE")).isEqualTo("39.000000");
        assertThat(txnCount(upper)).isEqualTo(1);
        assertThat(txnCount(lower)).isEqualTo(1);
        assertThat(http.get("/rpc-api/ledger/transactions/by-key?idempotencyKey=" + lower).data().get("txnId").asLong())
                .isEqualTo(other.data().get("txnId").asLong());
    }

    /** An owner id is an exact key too: owners whose ids differ only in case have separate accounts. */
    @Test
    void ownerIdsDifferingOnlyInCaseHaveSeparateAccounts() {
        String upper = "Owner-" + run;
        String lower = upper.toLowerCase();
        assertThat(credit("MERCHANT", upper, "10").status()).isEqualTo(200);
        assertThat(balance("MERCHANT", upper, "AVAILABLE")).isEqualTo("10.000000");
        assertThat(balance("MERCHANT", lower, "AVAILABLE")).isEqualTo("none");
    }

    /** A free-text field (an operator's credit reason) refuses control and bidi characters: nothing moves or is logged. */
    @Test
    void aCreditReasonWithControlOrBidiCharactersIsRefusedWith10050AndMovesNothing() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String owner = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        HttpClient client = MeshCredentials.signing(HttpClient.newHttpClient());
        List<String> reasons = List.of("refund \u202Eedcba", "refund\u0000", "\u001b[2Jrefund");
        for (int n = 0; n < reasons.size(); n++) {
            String body = mapper.writeValueAsString(Map.of("requestId", "req-" + owner + "-" + n,
                    "owner", Map.of("ownerType", "ACCEPTOR", "ownerId", owner), "coin", "USDT", "amount", "5", "reason", reasons.get(n)));
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin-api/ledger/credits"))
                    .header("Content-Type", "application/json").header("X-Apay-Operator-Id", "5").header("X-Apay-Operator-Roles", "FINANCE")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            JsonNode answer = mapper.readTree(r.body());
            assertThat(answer.get("code").asInt()).isEqualTo(10050);
            assertThat(answer.at("/data/errors").findValuesAsText("field")).containsExactly("reason");
        }
        assertThat(http.get("/admin-api/ledger/balances?ownerType=ACCEPTOR&ownerId=" + owner).data().findValuesAsText("balance")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_txn WHERE idempotency_key LIKE ?", Integer.class, "%" + owner + "%")).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM op_log WHERE args LIKE ?", Integer.class, "%" + owner + "%")).isZero();
    }
}
