package io.apay.chainbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.chainbridge.server.config.ChainProperties;
import io.apay.chainbridge.server.dal.mapper.DepositAddressMapper;
import io.apay.chainbridge.server.dal.mapper.DepositMapper;
import io.apay.chainbridge.server.dal.mapper.ScanCursorMapper;
import io.apay.chainbridge.server.service.DepositScanner;
import io.apay.chainbridge.server.service.Networks;
import io.apay.common.mq.OutboxPublisher;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.LocalChain;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/** The deposit scanner on a real hardhat node: confirmations, native coin, reorgs, restarts. */
@ApayIntegrationTest(properties = "apay.chain.jobs.enabled=false")
class DepositScannerIT extends ChainBridgeTestBase {

    static final int N = 3;
    static final LocalChain chain = LocalChain.start();

    @DynamicPropertySource
    static void localNetwork(DynamicPropertyRegistry registry) {
        LocalNetwork.register(registry, chain, N);
    }

    @AfterAll
    static void stopChain() {
        chain.close();
    }

    @Test
    void aUsdtDepositIsSeenThenConfirmedAfterNConfirmationsWithExactlyOneEvent() throws Exception {
        String address = depositAddress("USER:1001");
        chain.mint(chain.account(0), new BigDecimal("1000"));
        String tx = chain.sendUsdt(0, address, new BigDecimal("12.5"));

        scanUp(chain);
        Map<String, Object> d = deposit(tx);
        assertThat(d.get("status")).isEqualTo("SEEN");
        assertThat(d.get("coin")).isEqualTo("USDT");
        assertThat(d.get("owner_ref")).isEqualTo("USER:1001");
        assertThat(d.get("address")).isEqualTo(address);
        assertThat((BigDecimal) d.get("amount")).isEqualByComparingTo("12.5");
        assertThat(d.get("confirmations")).isEqualTo(1);

        chain.mine(N - 2);
        scanUp(chain);
        assertThat(deposit(tx).get("status")).isEqualTo("SEEN");
        assertThat(deposit(tx).get("confirmations")).isEqualTo(N - 1);
        assertThat(events("deposit.confirmed", tx)).isZero();

        chain.mine(1);
        scanUp(chain);
        assertThat(deposit(tx).get("status")).isEqualTo("CONFIRMED");
        assertThat(deposit(tx).get("confirmations")).isEqualTo(N);
        assertThat(events("deposit.confirmed", tx)).isEqualTo(1);

        chain.mine(5);
        scanUp(chain);
        assertThat(events("deposit.confirmed", tx)).isEqualTo(1);
        assertThat(depositRows(tx)).isEqualTo(1);

        JsonNode mine = get("/rpc-api/chain/deposits/by-owner?ownerRef=USER:1001");
        assertThat(mine.path("data")).hasSize(1);
        assertThat(mine.path("data").get(0).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(mine.path("data").get(0).path("amount").asText()).isEqualTo("12.5");
        JsonNode confirmed = get("/rpc-api/chain/deposits/confirmed?afterId=0&limit=100");
        assertThat(confirmed.path("data").findValuesAsText("txHash")).contains(tx);
    }

    @Test
    void aNativeCoinDepositIsFoundToo() throws Exception {
        String address = depositAddress("USER:1002");
        String tx = chain.sendEth(2, address, new BigInteger("1500000000000000000"));
        scanUp(chain);
        assertThat(deposit(tx).get("status")).isEqualTo("SEEN");
        assertThat(deposit(tx).get("coin")).isEqualTo("ETH");
        assertThat(deposit(tx).get("log_index")).isEqualTo(-1);
        assertThat((BigDecimal) deposit(tx).get("amount")).isEqualByComparingTo("1.5");
        chain.mine(N - 1);
        scanUp(chain);
        assertThat(deposit(tx).get("status")).isEqualTo("CONFIRMED");
        assertThat(events("deposit.confirmed", tx)).isEqualTo(1);
    }

    @Test
    void aDepositInABlockReplacedByAReorgIsOrphanedAndNeverConfirmed() throws Exception {
        String address = depositAddress("USER:1003");
        chain.mint(chain.account(0), new BigDecimal("100"));
        scanUp(chain);
        String snapshot = chain.snapshot();
        String tx = chain.sendUsdt(0, address, new BigDecimal("7"));
        scanUp(chain);
        assertThat(deposit(tx).get("status")).isEqualTo("SEEN");

        assertThat(chain.revert(snapshot)).isTrue();
        chain.mine(N + 2); // another branch, longer than the confirmations
        scanUp(chain);
        assertThat(deposit(tx).get("status")).isEqualTo("ORPHANED");
        chain.mine(N);
        scanUp(chain);
        assertThat(deposit(tx).get("status")).isEqualTo("ORPHANED");
        assertThat(events("deposit.confirmed", tx)).isZero();
        assertThat(chain.receipt(tx).isNull()).isTrue(); // it really is gone from the chain
    }

    /** A USDT transfer sent by the node's unlocked account {@code from} at a fixed legacy gas price (same fields, same hash). */
    Map<String, String> usdtTransfer(String from, String to, long units, String gasPrice) {
        String data = "0xa9059cbb" + String.format("%64s", to.substring(2).toLowerCase()).replace(' ', '0')
                + String.format("%064x", units);
        return Map.of("from", from, "to", chain.usdtAddress(), "data", data, "gas", "0x30d40", "gasPrice", gasPrice);
    }

    /**
     * A reorg deeper than the confirmations re-includes a confirmed token deposit's transaction in another block after
     * another transfer: a log index is per block, so the same transfer comes back as (tx hash, another log index). It is
     * the same deposit, credited once (before, a second row was confirmed and announced).
     */
    @Test
    void aTokenDepositReIncludedAtAnotherLogIndexAfterADeepReorgIsCreditedOnce() throws Exception {
        String address = depositAddress("USER:1010");
        String payer = chain.account(3);
        chain.mint(payer, new BigDecimal("100"));
        chain.mint(chain.account(0), new BigDecimal("100"));
        scanUp(chain);
        String snapshot = chain.snapshot();
        Map<String, String> transfer = usdtTransfer(payer, address, 9_000_000, "0x77359400"); // 2 gwei
        String tx = chain.call("eth_sendTransaction", transfer).asText();
        chain.mine(N);
        scanUp(chain);
        assertThat(deposit(tx).get("status")).isEqualTo("CONFIRMED");
        Object firstLogIndex = deposit(tx).get("log_index");

        assertThat(chain.revert(snapshot)).isTrue();
        chain.setAutomine(false);
        try {
            chain.call("eth_sendTransaction", usdtTransfer(chain.account(0), chain.account(4), 1_000_000, "0x4a817c800")); // 20 gwei: first
            assertThat(chain.call("eth_sendTransaction", transfer).asText()).isEqualTo(tx);
            chain.call("evm_mine");
        } finally {
            chain.setAutomine(true);
        }
        assertThat(Integer.decode(chain.receipt(tx).path("logs").get(0).path("logIndex").asText())).isNotEqualTo(firstLogIndex);
        chain.mine(N + 3);
        scanUp(chain);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chain_deposit WHERE tx_hash = ? AND status <> 'ORPHANED'", Integer.class, tx))
                .isEqualTo(1);
        assertThat(events("deposit.confirmed", tx)).isEqualTo(1);
    }

    @Autowired
    Networks networks;
    @Autowired
    ScanCursorMapper cursors;
    @Autowired
    DepositMapper depositMapper;
    @Autowired
    DepositAddressMapper addressMapper;
    @Autowired
    OutboxPublisher outbox;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    ChainProperties props;

    @Test
    void aRestartedScannerThatRescansBlocksRecordsNothingTwice() throws Exception {
        String address = depositAddress("USER:1004");
        chain.mint(chain.account(0), new BigDecimal("100"));
        String hash = chain.sendUsdt(0, address, new BigDecimal("3"));
        scanUp(chain);
        long block = ((Number) deposit(hash).get("block_number")).longValue();

        // as if the process died after recording the block and came back with its cursor from before it: a new scanner
        // (nothing in memory) rescans the block
        String parentHash = chain.call("eth_getBlockByNumber", "0x" + Long.toHexString(block - 1), false).get("hash").asText();
        jdbc.update("UPDATE scan_cursor SET block_number = ?, block_hash = ? WHERE network = 'LOCAL'", block - 1, parentHash);
        DepositScanner restarted = new DepositScanner(networks, cursors, depositMapper, addressMapper, outbox, tx, scanStatus, props,
                Clock.systemUTC());
        chain.mine(N);
        for (int i = 0; i < 10 && restarted.scanOnce(LocalNetwork.NAME) > 0; i++) {
            // until caught up
        }
        assertThat(depositRows(hash)).isEqualTo(1);
        assertThat(deposit(hash).get("status")).isEqualTo("CONFIRMED");
        assertThat(events("deposit.confirmed", hash)).isEqualTo(1);

        // and again from before the block, now that it is CONFIRMED: still one row, one event
        jdbc.update("UPDATE scan_cursor SET block_number = ?, block_hash = ? WHERE network = 'LOCAL'", block - 1, parentHash);
        scanUp(chain);
        assertThat(depositRows(hash)).isEqualTo(1);
        assertThat(events("deposit.confirmed", hash)).isEqualTo(1);
    }

    @Test
    void concurrentRequestsGetOneAddressPerOwnerAndNeverShareAnIndex() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String owner = "USER:40" + (i % 8); // 8 owners, each asking 3 times at once
                answers.add(pool.submit(() -> depositAddress(owner)));
            }
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (var a : answers) {
                distinct.add(a.get());
            }
            assertThat(distinct).hasSize(8);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM deposit_address WHERE owner_ref LIKE 'USER:40_'", Integer.class)).isEqualTo(8);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT address_index) FROM deposit_address", Integer.class))
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(*) FROM deposit_address", Integer.class));
        assertThat(jdbc.queryForObject("SELECT MAX(address_index) + 1 - COUNT(*) FROM deposit_address", Integer.class)).isZero();
    }

    @Test
    void theSameOwnerGetsTheSameAddressAndAnotherOwnerTheNextIndex() throws Exception {
        JsonNode first = post("/rpc-api/chain/deposit-addresses", "{\"network\":\"LOCAL\",\"ownerRef\":\"MERCHANT:m-1\"}");
        JsonNode again = post("/rpc-api/chain/deposit-addresses", "{\"network\":\"LOCAL\",\"ownerRef\":\"MERCHANT:m-1\"}");
        JsonNode other = post("/rpc-api/chain/deposit-addresses", "{\"network\":\"LOCAL\",\"ownerRef\":\"MERCHANT:m-2\"}");
        assertThat(again.path("data")).isEqualTo(first.path("data"));
        assertThat(other.path("data").path("address").asText()).isNotEqualTo(first.path("data").path("address").asText());
        int i = Integer.parseInt(first.path("data").path("path").asText().substring(2));
        assertThat(other.path("data").path("path").asText()).isEqualTo("0/" + (i + 1));
        JsonNode unknown = post("/rpc-api/chain/deposit-addresses", "{\"network\":\"NOPE\",\"ownerRef\":\"MERCHANT:m-1\"}");
        assertThat(unknown.path("code").asInt()).isEqualTo(17001);
    }
}
