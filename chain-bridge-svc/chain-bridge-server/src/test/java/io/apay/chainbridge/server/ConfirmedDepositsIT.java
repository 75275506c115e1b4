package io.apay.chainbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.chainbridge.server.chain.TestKeys;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.LocalChain;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The confirmed deposits in the order they confirmed, and what the cross-service reconciliation reads (ChainReconApi),
 * on a real hardhat node watched as two networks: LOCAL confirms after {@value #FAST} blocks, SLOW after
 * {@value #SLOW_CONFIRMATIONS} (as ETH and POLYGON differ), so a deposit seen first can confirm last.
 */
@ApayIntegrationTest(properties = "apay.chain.jobs.enabled=false")
class ConfirmedDepositsIT extends ChainBridgeTestBase {

    static final int FAST = 2;
    static final int SLOW_CONFIRMATIONS = 5;
    static final String SLOW = "SLOW";
    static final LocalChain chain = LocalChain.start();

    @DynamicPropertySource
    static void networks(DynamicPropertyRegistry registry) {
        LocalNetwork.register(registry, chain, FAST);
        String p = "apay.chain.networks." + SLOW + ".";
        registry.add(p + "family", () -> "EVM");
        registry.add(p + "chain-id", chain::chainId);
        registry.add(p + "rpc-url", chain::rpcUrl);
        registry.add(p + "confirmations", () -> SLOW_CONFIRMATIONS);
        registry.add(p + "start-block", () -> 0);
        registry.add(p + "xpub", () -> TestKeys.xpub(TestKeys.evmAccount(2)).toBase58()); // addresses of their own
        registry.add(p + "native-coin", () -> "ETH");
        registry.add(p + "native-decimals", () -> 18);
        registry.add(p + "tokens.USDT.contract", chain::usdtAddress);
        registry.add(p + "tokens.USDT.decimals", () -> 6);
    }

    @AfterAll
    static void stopChain() {
        chain.close();
    }

    /** Both networks scanned up to the head (the tests run one at a time, so the head does not move meanwhile). */
    void scanBoth() {
        for (String network : List.of(LocalNetwork.NAME, SLOW)) {
            for (int i = 0; i < 50 && (scanner.scanOnce(network) > 0 || scanStatus.lag(network) > 0); i++) {
                // until nothing is left to scan
            }
            assertThat(scanStatus.lag(network)).as(network + " caught up").isZero();
        }
    }

    String depositAddress(String network, String ownerRef) throws Exception {
        JsonNode r = post("/rpc-api/chain/deposit-addresses", "{\"network\":\"" + network + "\",\"ownerRef\":\"" + ownerRef + "\"}");
        return r.path("data").path("address").asText();
    }

    long lastConfirmSeq() {
        return jdbc.queryForObject("SELECT last_seq FROM deposit_confirm_counter", Long.class);
    }

    JsonNode confirmedAfter(long afterSeq, int limit) throws Exception {
        JsonNode r = get("/rpc-api/chain/deposits/confirmed?afterId=" + afterSeq + "&limit=" + limit);
        assertThat(r.path("_http").asInt()).as(r.toString()).isEqualTo(200);
        return r.path("data");
    }

    static List<String> texts(JsonNode list, String field) {
        List<String> all = new ArrayList<>();
        list.forEach(n -> all.add(n.path(field).asText()));
        return all;
    }

    @Test
    void aDepositSeenFirstButConfirmedLastIsPagedAfterTheOneThatConfirmedBeforeIt() throws Exception {
        String slowAddress = depositAddress(SLOW, "USER:3001");
        String fastAddress = depositAddress(LocalNetwork.NAME, "USER:3002");
        chain.mint(chain.account(0), new BigDecimal("100"));
        String seenFirst = chain.sendUsdt(0, slowAddress, new BigDecimal("4"));
        scanBoth();
        String seenLater = chain.sendUsdt(0, fastAddress, new BigDecimal("6"));
        scanBoth();
        long firstId = ((Number) deposit(seenFirst).get("id")).longValue();
        long laterId = ((Number) deposit(seenLater).get("id")).longValue();
        assertThat(firstId).isLessThan(laterId);
        long cursor = lastConfirmSeq(); // a reader that has read everything confirmed so far

        chain.mine(FAST - 1);
        scanBoth();
        assertThat(deposit(seenLater).get("status")).isEqualTo("CONFIRMED");
        assertThat(deposit(seenFirst).get("status")).isEqualTo("SEEN");
        JsonNode page = confirmedAfter(cursor, 100);
        assertThat(texts(page, "txHash")).containsExactly(seenLater);
        long laterSeq = page.get(0).path("confirmSeq").asLong();
        assertThat(laterSeq).isGreaterThan(cursor);
        assertThat(events("deposit.confirmed", "\"confirmSeq\":" + laterSeq)).isEqualTo(1); // the event carries it too

        chain.mine(SLOW_CONFIRMATIONS);
        scanBoth();
        assertThat(deposit(seenFirst).get("status")).isEqualTo("CONFIRMED");
        // after the cursor the reader moved past the later id: paged by id, seenFirst would be behind it for good
        page = confirmedAfter(laterSeq, 100);
        assertThat(texts(page, "txHash")).containsExactly(seenFirst);
        assertThat(page.get(0).path("id").asLong()).isEqualTo(firstId);
        long firstSeq = page.get(0).path("confirmSeq").asLong();
        assertThat(firstSeq).isGreaterThan(laterSeq);
        assertThat(((Number) deposit(seenFirst).get("confirm_seq")).longValue()).isEqualTo(firstSeq);

        assertThat(texts(confirmedAfter(cursor, 100), "txHash")).containsExactly(seenLater, seenFirst);
        assertThat(texts(confirmedAfter(cursor, 1), "txHash")).containsExactly(seenLater);
        assertThat(confirmedAfter(firstSeq, 100)).isEmpty();
        assertThat(get("/rpc-api/chain/deposits/confirmed?afterId=0&limit=1001").path("code").asInt()).isEqualTo(17007);
    }

    @Test
    void reconReadsDepositsByKeyWithdrawalsByIdAndTheDepositsConfirmedInAWindow() throws Exception {
        String address = depositAddress(LocalNetwork.NAME, "USER:3101");
        chain.mint(chain.account(0), new BigDecimal("100"));
        Instant before = Instant.now().minusSeconds(1);
        String confirmedTx = chain.sendUsdt(0, address, new BigDecimal("12.5"));
        chain.mine(FAST - 1);
        scanBoth();
        String seenTx = chain.sendEth(2, address, new java.math.BigInteger("1500000000000000000"));
        scanBoth();
        Instant after = Instant.now().plusSeconds(1);
        assertThat(deposit(confirmedTx).get("status")).isEqualTo("CONFIRMED");
        assertThat(deposit(seenTx).get("status")).isEqualTo("SEEN");
        String confirmedKey = "deposit:LOCAL:" + confirmedTx + ":0";
        String seenKey = "deposit:LOCAL:" + seenTx + ":-1";

        // by keys: any status, unknown keys left out (an unknown hash, the right hash on another network or log index)
        JsonNode byKeys = post("/rpc-api/chain/recon/deposits/by-keys", keys(List.of(seenKey, "deposit:LOCAL:0xdead:0", confirmedKey,
                "deposit:SLOW:" + confirmedTx + ":0", "deposit:LOCAL:" + confirmedTx + ":7", confirmedKey)));
        assertThat(byKeys.path("_http").asInt()).as(byKeys.toString()).isEqualTo(200);
        assertThat(texts(byKeys.path("data"), "txHash")).containsExactly(confirmedTx, seenTx);
        JsonNode confirmed = byKeys.path("data").get(0);
        assertThat(confirmed.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.path("network").asText()).isEqualTo("LOCAL");
        assertThat(confirmed.path("coin").asText()).isEqualTo("USDT");
        assertThat(confirmed.path("logIndex").asInt()).isZero();
        assertThat(confirmed.path("ownerRef").asText()).isEqualTo("USER:3101");
        assertThat(confirmed.path("amount").asText()).isEqualTo("12.5");
        assertThat(confirmed.path("confirmSeq").isNumber()).isTrue();
        JsonNode seen = byKeys.path("data").get(1);
        assertThat(seen.path("status").asText()).isEqualTo("SEEN");
        assertThat(seen.path("coin").asText()).isEqualTo("ETH");
        assertThat(seen.path("amount").asText()).isEqualTo("1.5");
        assertThat(seen.path("confirmSeq").isNull() || seen.path("confirmSeq").isMissingNode()).isTrue();
        JsonNode none = post("/rpc-api/chain/recon/deposits/by-keys", keys(List.of("deposit:LOCAL:0xdead:0")));
        assertThat(none.path("_http").asInt()).isEqualTo(200);
        assertThat(none.path("data")).isEmpty();

        // confirmed in [from, to): by id after afterId
        String window = "from=" + before + "&to=" + after;
        JsonNode inWindow = get("/rpc-api/chain/recon/deposits/confirmed?" + window + "&afterId=0&limit=1000");
        assertThat(inWindow.path("_http").asInt()).as(inWindow.toString()).isEqualTo(200);
        assertThat(texts(inWindow.path("data"), "txHash")).contains(confirmedTx).doesNotContain(seenTx);
        long confirmedId = ((Number) deposit(confirmedTx).get("id")).longValue();
        assertThat(texts(get("/rpc-api/chain/recon/deposits/confirmed?" + window + "&afterId=" + confirmedId + "&limit=1000")
                .path("data"), "txHash")).doesNotContain(confirmedTx);
        assertThat(texts(get("/rpc-api/chain/recon/deposits/confirmed?" + window + "&afterId=" + (confirmedId - 1) + "&limit=1")
                .path("data"), "txHash")).containsExactly(confirmedTx);
        String later = "from=" + after + "&to=" + after.plusSeconds(3600);
        assertThat(get("/rpc-api/chain/recon/deposits/confirmed?" + later + "&afterId=0&limit=1000").path("data")).isEmpty();
        String earlier = "from=" + before.minusSeconds(3600) + "&to=" + before;
        assertThat(texts(get("/rpc-api/chain/recon/deposits/confirmed?" + earlier + "&afterId=0&limit=1000").path("data"), "txHash"))
                .doesNotContain(confirmedTx);

        // withdrawals by the caller's ids: unknown ids left out
        String to = chain.account(5);
        JsonNode w1 = send("wallet:w:r1", to, "1");
        JsonNode w2 = send("wallet:w:r2", to, "2");
        JsonNode byIds = post("/rpc-api/chain/recon/withdrawals/by-ids",
                "{\"withdrawalIds\":[\"wallet:w:r2\",\"wallet:w:nope\",\"wallet:w:r1\"]}");
        assertThat(byIds.path("_http").asInt()).as(byIds.toString()).isEqualTo(200);
        assertThat(texts(byIds.path("data"), "withdrawalId")).containsExactly("wallet:w:r1", "wallet:w:r2");
        JsonNode first = byIds.path("data").get(0);
        assertThat(first.path("network").asText()).isEqualTo("LOCAL");
        assertThat(first.path("coin").asText()).isEqualTo("USDT");
        assertThat(first.path("toAddress").asText()).isEqualTo(w1.path("data").path("toAddress").asText());
        assertThat(first.path("amount").asText()).isEqualTo("1");
        assertThat(first.path("status").asText()).isEqualTo(w1.path("data").path("status").asText());
        assertThat(byIds.path("data").get(1).path("amount").asText()).isEqualTo(w2.path("data").path("amount").asText());
    }

    JsonNode send(String withdrawalId, String to, String amount) throws Exception {
        JsonNode r = post("/rpc-api/chain/withdrawals", "{\"withdrawalId\":\"" + withdrawalId + "\",\"network\":\"LOCAL\",\"coin\":\"USDT\","
                + "\"toAddress\":\"" + to + "\",\"amount\":\"" + amount + "\"}");
        assertThat(r.path("_http").asInt()).as(r.toString()).isEqualTo(200);
        return r;
    }

    @Test
    void aReconLookupTakesOneTo500WellFormedKeysAndAPageOfAtMost1000() throws Exception {
        List<String> tooMany = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add("deposit:LOCAL:0x" + Integer.toHexString(i) + ":0");
            ids.add("wallet:w:" + i);
        }
        JsonNode keys501 = post("/rpc-api/chain/recon/deposits/by-keys", keys(tooMany));
        assertThat(keys501.path("_http").asInt()).isEqualTo(400);
        assertThat(keys501.path("code").asInt()).as(keys501.toString()).isEqualTo(10001);
        JsonNode keys500 = post("/rpc-api/chain/recon/deposits/by-keys", keys(tooMany.subList(0, 500)));
        assertThat(keys500.path("_http").asInt()).as(keys500.toString()).isEqualTo(200);
        assertThat(keys500.path("data")).isEmpty();
        JsonNode ids501 = post("/rpc-api/chain/recon/withdrawals/by-ids", "{\"withdrawalIds\":" + mapper.writeValueAsString(ids) + "}");
        assertThat(ids501.path("_http").asInt()).isEqualTo(400);
        assertThat(ids501.path("code").asInt()).isEqualTo(10001);

        assertThat(post("/rpc-api/chain/recon/deposits/by-keys", keys(List.of())).path("code").asInt()).isEqualTo(10001);
        assertThat(post("/rpc-api/chain/recon/deposits/by-keys", keys(List.of("LOCAL:0xabc:0"))).path("code").asInt()).isEqualTo(10001);
        assertThat(post("/rpc-api/chain/recon/withdrawals/by-ids", "{\"withdrawalIds\":[\"a b\"]}").path("code").asInt()).isEqualTo(10001);
        String window = "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
        JsonNode bigPage = get("/rpc-api/chain/recon/deposits/confirmed?" + window + "&afterId=0&limit=1001");
        assertThat(bigPage.path("_http").asInt()).isEqualTo(400);
        assertThat(bigPage.path("code").asInt()).isEqualTo(10001);
        assertThat(get("/rpc-api/chain/recon/deposits/confirmed?" + window + "&afterId=-1&limit=10").path("code").asInt()).isEqualTo(10001);
        assertThat(get("/rpc-api/chain/recon/deposits/confirmed?afterId=0&limit=10").path("_http").asInt()).isEqualTo(400);
    }

    String keys(List<String> keys) throws Exception {
        return "{\"keys\":" + mapper.writeValueAsString(keys) + "}";
    }
}
