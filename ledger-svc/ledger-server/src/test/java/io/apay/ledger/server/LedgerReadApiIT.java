package io.apay.ledger.server;

import static io.apay.ledger.server.LedgerHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.BizRefsRequest;
import io.apay.ledger.api.dto.HoldView;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.OwnerType;
import io.apay.ledger.api.enums.TxnType;
import io.apay.ledger.server.LedgerHttp.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.openfeign.FeignClientBuilder;
import org.springframework.context.ApplicationContext;

/**
 * The reconciliation reads of the ledger's internal API: holds by biz-ref prefix (keyset paging, status filter)
 * and transactions by a list of biz refs, over JSON and through the Feign interface, on the real MariaDB.
 */
@ApayIntegrationTest
class LedgerReadApiIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    LedgerHttp http;
    String run;
    String owner;
    final AtomicInteger holds = new AtomicInteger();

    @BeforeEach
    void setUp() {
        http = new LedgerHttp(port);
        run = UUID.randomUUID().toString().substring(0, 8);
        owner = "acc-" + run;
        assertThat(http.post("/rpc-api/ledger/credits", json("{'idempotencyKey':'%s','owner':{'ownerType':'ACCEPTOR','ownerId':'%s'},"
                + "'coin':'USDT','amount':'1000','bizRef':'%s'}", key("fund"), owner, run + ":fund")).status()).isEqualTo(200);
    }

    String key(String name) {
        return "read:" + run + ":" + name;
    }

    /** Opens a hold of 1 USDT with this biz ref and answers its id. */
    long hold(String bizRef) {
        Reply r = http.post("/rpc-api/ledger/holds", json("{'idempotencyKey':'%s','owner':{'ownerType':'ACCEPTOR','ownerId':'%s'},"
                + "'coin':'USDT','amount':'1','purpose':'FREEZE','bizRef':'%s'}", key("hold-" + holds.incrementAndGet()), owner,
                bizRef.replace("\\", "\\\\")));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.data().get("holdId").asLong();
    }

    Reply listHolds(String prefix, String status, long afterId, Object limit) {
        return http.get("/rpc-api/ledger/holds?bizRefPrefix=" + URLEncoder.encode(prefix, StandardCharsets.UTF_8)
                + (status == null ? "" : "&status=" + status) + "&afterId=" + afterId + "&limit=" + limit);
    }

    static List<String> bizRefs(Reply r) {
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> refs = new ArrayList<>();
        r.data().forEach(h -> refs.add(h.get("bizRef").asText()));
        return refs;
    }

    @Test
    void holdsArePagedByIdAfterTheCursorAndFilteredByStatus() {
        String p = run + ":ad:";
        long h1 = hold(p + "1");
        long h2 = hold(p + "2");
        long h3 = hold(p + "3");
        long h4 = hold(p + "4");
        hold(run + ":order:5");
        assertThat(http.post("/rpc-api/ledger/holds/" + h2 + "/release", json("{'idempotencyKey':'%s'}", key("release-2"))).status()).isEqualTo(200);
        assertThat(http.post("/rpc-api/ledger/holds/" + h3 + "/settle", json("{'idempotencyKey':'%s',"
                + "'payee':{'ownerType':'MERCHANT','ownerId':'m-%s'}}", key("settle-3"), run)).status()).isEqualTo(200);

        // keyset paging: ascending hold id after the cursor; a page shorter than the limit is the last
        Reply first = listHolds(p, null, 0, 3);
        assertThat(bizRefs(first)).containsExactly(p + "1", p + "2", p + "3");
        List<Long> ids = first.data().findValues("holdId").stream().map(JsonNode::asLong).toList();
        assertThat(ids).containsExactly(h1, h2, h3);
        Reply second = listHolds(p, null, h3, 3);
        assertThat(bizRefs(second)).containsExactly(p + "4");
        assertThat(bizRefs(listHolds(p, null, h4, 3))).isEmpty();

        JsonNode view = first.data().get(2);
        assertThat(view.get("ownerType").asText()).isEqualTo("ACCEPTOR");
        assertThat(view.get("ownerId").asText()).isEqualTo(owner);
        assertThat(view.get("status").asText()).isEqualTo("SETTLED");
        assertThat(view.get("amount").asText()).isEqualTo("1.000000");
        assertThat(view.get("settled").asText()).isEqualTo("1.000000");

        assertThat(bizRefs(listHolds(p, "OPEN", 0, 10))).containsExactly(p + "1", p + "4");
        assertThat(bizRefs(listHolds(p, "RELEASED", 0, 10))).containsExactly(p + "2");
        assertThat(bizRefs(listHolds(p, "SETTLED", 0, 10))).containsExactly(p + "3");
        assertThat(bizRefs(listHolds(p, "OPEN", h1, 10))).containsExactly(p + "4");
    }

    @Test
    void aPrefixMatchesOnlyBizRefsThatStartWithItExactly() {
        String p = "ref-" + run + ":";
        for (String ref : List.of("ad:1", "adx:2", "AD:3", "ad", "xad:4", "ád:5")) {
            hold(p + ref);
        }
        hold("REF-" + run.toUpperCase() + ":ad:6"); // equal but for case (as a case-insensitive collation would see it): not matched
        assertThat(bizRefs(listHolds(p + "ad:", null, 0, 100))).containsExactly(p + "ad:1");
        assertThat(bizRefs(listHolds(p + "ad", null, 0, 100))).containsExactly(p + "ad:1", p + "adx:2", p + "ad");
        assertThat(bizRefs(listHolds(p + "AD:", null, 0, 100))).containsExactly(p + "AD:3");
    }

    @Test
    void likeWildcardsInAPrefixAreMatchedLiterally() {
        String p = run + ":";
        for (String ref : List.of("a%b", "axb", "a_c", "abc", "a!d", "a\\e", "aze")) {
            hold(p + ref);
        }
        assertThat(bizRefs(listHolds(p + "a%", null, 0, 100))).containsExactly(p + "a%b");
        assertThat(bizRefs(listHolds(p + "a_", null, 0, 100))).containsExactly(p + "a_c");
        assertThat(bizRefs(listHolds(p + "a!", null, 0, 100))).containsExactly(p + "a!d");
        assertThat(bizRefs(listHolds(p + "a\\", null, 0, 100))).containsExactly(p + "a\\e");
        assertThat(bizRefs(listHolds(p + "a", null, 0, 100))).hasSize(7);
        assertThat(bizRefs(listHolds("%", null, 0, 100))).isEmpty();
        assertThat(bizRefs(listHolds("_", null, 0, 100))).isEmpty();
    }

    @Test
    void aBadHoldListRequestIsRefused() {
        for (Reply r : List.of(listHolds(run, null, 0, 0), listHolds(run, null, 0, 1001), listHolds(run, null, 0, -5),
                listHolds(run, null, -1, 10), listHolds("", null, 0, 10), listHolds(" ", null, 0, 10),
                listHolds("x".repeat(129), null, 0, 10))) {
            assertThat(r.status()).as(r.raw()).isEqualTo(400);
            assertThat(r.code()).as(r.raw()).isEqualTo(10001);
        }
        Reply status = listHolds(run, "PENDING", 0, 10);
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.code()).isEqualTo(10004);
        Reply limit = listHolds(run, null, 0, "ten");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.code()).isEqualTo(10004);
        Reply missing = http.get("/rpc-api/ledger/holds?bizRefPrefix=" + run + "&afterId=0");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.code()).isEqualTo(10003);
        assertThat(bizRefs(listHolds("x".repeat(128), null, 0, 1000))).isEmpty(); // both bounds are allowed
    }

    @Test
    void transactionsAreFoundByAListOfBizRefsOldestFirst() {
        String order = run + ":order:1";
        String other = run + ":order:2";
        long holdId = hold(order);
        http.post("/rpc-api/ledger/holds/" + holdId + "/settle", json("{'idempotencyKey':'%s','bizRef':'%s',"
                + "'payee':{'ownerType':'MERCHANT','ownerId':'m-%s'},'feeBizType':'OTC_PAYMENT'}", key("settle"), order, run));
        long otherHold = hold(other);
        http.post("/rpc-api/ledger/holds/" + otherHold + "/release", json("{'idempotencyKey':'%s','bizRef':'%s'}", key("release"), other));
        hold(run + ":order:3");

        Reply r = http.post("/rpc-api/ledger/transactions/by-biz-refs", json("{'bizRefs':['%s','%s','%s','%s']}",
                order, other, run + ":order:none", order));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        List<String> seen = new ArrayList<>();
        r.data().forEach(t -> seen.add(t.get("bizRef").asText() + " " + t.get("type").asText()));
        assertThat(seen).containsExactly(order + " HOLD", order + " SETTLE", other + " HOLD", other + " RELEASE");
        JsonNode settle = r.data().get(1);
        assertThat(settle.get("holdId").asLong()).isEqualTo(holdId);
        assertThat(settle.get("postings")).hasSize(4); // frozen, merchant, commission, platform fee
        assertThat(settle.get("postings").get(1).get("amount").asText()).isEqualTo("0.980000");
        assertThat(r.data().get(0).get("postings").get(0).get("amount").asText()).isEqualTo("-1.000000");
    }

    @Test
    void aBadBizRefsRequestIsRefused() {
        List<String> tooMany = IntStream.rangeClosed(1, 501).mapToObj(i -> "'r" + i + "'").toList();
        for (String body : List.of("{'bizRefs':[]}", "{}", "{'bizRefs':['']}", "{'bizRefs':[null]}",
                "{'bizRefs':['" + "x".repeat(129) + "']}", "{'bizRefs':[" + String.join(",", tooMany) + "]}")) {
            Reply r = http.post("/rpc-api/ledger/transactions/by-biz-refs", json(body.replace("%", "%%")));
            assertThat(r.status()).as(body + " " + r.raw()).isEqualTo(400);
            assertThat(r.code()).isEqualTo(10001);
            assertThat(r.body().at("/data/errors").findValuesAsText("field")).allMatch(f -> f.startsWith("bizRefs"));
        }
        List<String> most = new ArrayList<>(Collections.nCopies(499, run + ":none"));
        most.add(run + ":fund");
        Reply ok = http.post("/rpc-api/ledger/transactions/by-biz-refs", json("{'bizRefs':[" + String.join(",",
                most.stream().map(s -> "'" + s + "'").toList()) + "]}"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.data()).hasSize(1);
    }

    @Test
    void feignCallersGetBothReads() {
        LedgerApi api = new FeignClientBuilder(context).forType(LedgerApi.class, "ledger-svc")
                .url("http://127.0.0.1:" + port).build();
        String p = run + ":feign:";
        long open = hold(p + "1");
        long released = hold(p + "2");
        http.post("/rpc-api/ledger/holds/" + released + "/release", json("{'idempotencyKey':'%s'}", key("feign-release")));

        List<HoldView> all = api.listHolds(p, null, 0, 10).checkedData();
        assertThat(all).extracting(HoldView::holdId).containsExactly(open, released);
        assertThat(all.get(0).ownerType()).isEqualTo(OwnerType.ACCEPTOR);
        assertThat(all.get(0).remaining()).isEqualByComparingTo("1");
        assertThat(api.listHolds(p, HoldStatus.RELEASED, 0, 10).checkedData()).extracting(HoldView::holdId).containsExactly(released);

        List<TransactionView> txns = api.findTransactionsByBizRefs(new BizRefsRequest(List.of(p + "1", p + "2"))).checkedData();
        assertThat(txns).extracting(TransactionView::type).containsExactly(TxnType.HOLD, TxnType.HOLD);
        assertThat(txns).extracting(TransactionView::holdId).containsExactly(open, released);
    }
}
