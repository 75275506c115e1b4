package io.apay.chainbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.chainbridge.server.chain.ChainAdapter;
import io.apay.chainbridge.server.chain.ChainBlock;
import io.apay.chainbridge.server.chain.ChainTransfer;
import io.apay.chainbridge.server.chain.tron.TronTestKeys;
import io.apay.chainbridge.server.config.ChainProperties;
import io.apay.chainbridge.server.dal.mapper.DepositAddressMapper;
import io.apay.chainbridge.server.dal.mapper.DepositMapper;
import io.apay.chainbridge.server.dal.mapper.ScanCursorMapper;
import io.apay.chainbridge.server.service.DepositScanner;
import io.apay.chainbridge.server.service.Network;
import io.apay.chainbridge.server.service.Networks;
import io.apay.chainbridge.server.service.HotWalletFunds;
import io.apay.chainbridge.server.service.OutgoingTxs;
import io.apay.chainbridge.server.service.WithdrawalSender;
import io.apay.chainbridge.server.dal.mapper.WithdrawalMapper;
import io.apay.chainbridge.server.tron.SignedTronTransaction;
import io.apay.chainbridge.server.tron.TronAddress;
import io.apay.chainbridge.server.tron.TronTestChain;
import io.apay.common.mq.OutboxPublisher;
import io.apay.common.test.ApayIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECKeyPair;

/**
 * chain-bridge-svc with a TRON network (family TRON, 19 confirmations) whose node is {@link TronTestChain}, a
 * TronGrid-shaped chain in memory: deposit addresses, the scanner (confirmations, reorgs) and withdrawals (signing,
 * broadcast, receipts, re-signing after expiry) through the service's own steps. No real TRON node is involved.
 */
@ApayIntegrationTest(properties = "apay.chain.jobs.enabled=false")
class TronNetworkIT extends ChainBridgeTestBase {

    static final String NET = "TRON";
    static final int N = 19;
    static final TronAddress USDT = TronAddress.parse("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
    static final TronAddress SENDER = TronAddress.parse("THTR75o8xXAgCTQqpiot2AFRAjvW1tSbVV");
    static final Bip32ECKeyPair DEPOSITS = TronTestKeys.account(0);
    static final ECKeyPair HOT_KEY = TronTestKeys.child(TronTestKeys.account(1), 0);
    static final TronAddress HOT = TronTestKeys.address(HOT_KEY);
    static final TronTestChain chain = new TronTestChain();

    @DynamicPropertySource
    static void tronNetwork(DynamicPropertyRegistry r) {
        String p = "apay.chain.networks." + NET + ".";
        r.add(p + "family", () -> "TRON");
        r.add(p + "rpc-url", () -> chain.url().toString());
        r.add(p + "api-key", () -> "it-api-key");
        r.add(p + "confirmations", () -> N);
        r.add(p + "start-block", () -> 0);
        r.add(p + "xpub", () -> TronTestKeys.xpub(DEPOSITS).toBase58());
        r.add(p + "tokens.USDT.contract", USDT::base58);
        r.add(p + "tokens.USDT.decimals", () -> 6);
        r.add(p + "hot-wallet.key-id", () -> "TRON-hot");
        r.add(p + "hot-wallet.address", HOT::base58);
        r.add(p + "tron.fee-limit", () -> 30_000_000);
        r.add(p + "tron.tx-lifetime", () -> "1m");
        r.add(p + "tron.expiry-margin", () -> "30s");
        r.add("apay.chain.signer.keystore-dir", TronNetworkIT::freshKeystore);
        r.add("apay.chain.signer.imports.TRON-hot", () -> TronTestKeys.privateKeyHex(HOT_KEY));
    }

    @AfterAll
    static void stopChain() {
        chain.close();
    }

    static String freshKeystore() {
        try {
            return Files.createTempDirectory("apay-chain-keystore-").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String depositAddressOf(String ownerRef) throws Exception {
        JsonNode r = post("/rpc-api/chain/deposit-addresses", "{\"network\":\"" + NET + "\",\"ownerRef\":\"" + ownerRef + "\"}");
        assertThat(r.path("code").asInt()).as(r.toString()).isZero();
        return r.path("data").path("address").asText();
    }

    void scanUp() {
        for (int i = 0; i < 50; i++) {
            scanner.scanOnce(NET);
            if (scanStatus.lag(NET) == 0 && scanner.scanOnce(NET) == 0 && scanStatus.lag(NET) == 0) {
                return;
            }
        }
        throw new AssertionError("the scanner did not catch up with block " + chain.headNumber());
    }

    JsonNode withdraw(String id, String coin, String to, String amount) throws Exception {
        return post("/rpc-api/chain/withdrawals", "{\"withdrawalId\":\"" + id + "\",\"network\":\"" + NET + "\",\"coin\":\"" + coin
                + "\",\"toAddress\":\"" + to + "\",\"amount\":\"" + amount + "\"}");
    }

    Map<String, Object> row(String id) {
        return jdbc.queryForMap("SELECT * FROM chain_withdrawal WHERE withdrawal_id = ?", id);
    }

    List<Map<String, Object>> txs(String id) {
        return jdbc.queryForList("SELECT t.* FROM chain_tx t JOIN chain_withdrawal w ON t.owner_id = w.id AND t.owner_kind = 'WITHDRAWAL'"
                + " WHERE w.withdrawal_id = ? ORDER BY t.id", id);
    }

    /** A fresh recipient nobody holds a key of. */
    static TronAddress freshAddress(int n) {
        return TronAddress.fromEvmBytes(padded(n));
    }

    static byte[] padded(int n) {
        byte[] b = new byte[20];
        b[0] = (byte) 0xab;
        b[18] = (byte) (n >> 8);
        b[19] = (byte) n;
        return b;
    }

    @Test
    void aDerivedDepositAddressGetsAUsdtDepositSeenThenConfirmedAfter19BlocksAndATrxDepositToo() throws Exception {
        String address = depositAddressOf("USER:7001");
        String again = depositAddressOf("USER:7001");
        assertThat(again).isEqualTo(address);
        // child 0/i of the configured xpub, as the private key of that child (held by nobody here) would give it
        int index = jdbc.queryForObject("SELECT address_index FROM deposit_address WHERE owner_ref = 'USER:7001'", Integer.class);
        assertThat(address).isEqualTo(TronTestKeys.address(TronTestKeys.child(DEPOSITS, index)).base58());
        TronAddress to = TronAddress.parse(address);

        String usdt = chain.trc20Transfer(USDT, SENDER, to, BigInteger.valueOf(12_500_000));
        String trx = chain.trxTransfer(SENDER, to, 2_000_000);
        chain.mine(1);
        scanUp();
        Map<String, Object> d = deposit(usdt);
        assertThat(d.get("status")).isEqualTo("SEEN");
        assertThat(d.get("network")).isEqualTo(NET);
        assertThat(d.get("coin")).isEqualTo("USDT");
        assertThat(d.get("address")).isEqualTo(address);
        assertThat(d.get("from_address")).isEqualTo(SENDER.base58());
        assertThat(d.get("owner_ref")).isEqualTo("USER:7001");
        assertThat((BigDecimal) d.get("amount")).isEqualByComparingTo("12.5");
        assertThat(d.get("confirmations")).isEqualTo(1);
        assertThat(d.get("block_hash")).isEqualTo(chain.blockId(((Number) d.get("block_number")).longValue()));
        assertThat(deposit(trx).get("coin")).isEqualTo("TRX");
        assertThat(deposit(trx).get("log_index")).isEqualTo(-1);
        assertThat((BigDecimal) deposit(trx).get("amount")).isEqualByComparingTo("2");

        chain.mine(N - 2);
        scanUp();
        assertThat(deposit(usdt).get("status")).isEqualTo("SEEN");
        assertThat(deposit(usdt).get("confirmations")).isEqualTo(N - 1);
        assertThat(events("deposit.confirmed", usdt)).isZero();

        chain.mine(1);
        scanUp();
        assertThat(deposit(usdt).get("status")).isEqualTo("CONFIRMED");
        assertThat(deposit(usdt).get("confirmations")).isEqualTo(N);
        assertThat(deposit(trx).get("status")).isEqualTo("CONFIRMED");
        assertThat(events("deposit.confirmed", usdt)).isEqualTo(1);
        chain.mine(3);
        scanUp();
        assertThat(events("deposit.confirmed", usdt)).isEqualTo(1);
        assertThat(depositRows(usdt)).isEqualTo(1);
        // every call to the node carried the API key
        assertThat(chain.node().requests).isNotEmpty().allSatisfy(req -> assertThat(req.apiKey()).isEqualTo("it-api-key"));
    }

    @Test
    void aDepositInABlockReplacedByAReorgIsOrphanedAndNeverConfirmed() throws Exception {
        TronAddress to = TronAddress.parse(depositAddressOf("USER:7002"));
        chain.mine(1);
        scanUp();
        long forkAt = chain.headNumber() + 1;
        String usdt = chain.trc20Transfer(USDT, SENDER, to, BigInteger.valueOf(7_000_000));
        chain.mine(2);
        scanUp();
        assertThat(deposit(usdt).get("status")).isEqualTo("SEEN");

        chain.reorg(forkAt, N + 2); // another branch from the block it was in, longer than the confirmations
        scanUp();
        assertThat(deposit(usdt).get("status")).isEqualTo("ORPHANED");
        chain.mine(N);
        scanUp();
        assertThat(deposit(usdt).get("status")).isEqualTo("ORPHANED");
        assertThat(events("deposit.confirmed", usdt)).isZero();
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

    /** Base58 is case-sensitive: an address that differs from a deposit address only in case is another address. */
    @Test
    void aTransferToAnAddressThatDiffersFromADepositAddressOnlyInCaseIsNotADeposit() throws Exception {
        TronAddress to = TronAddress.parse(depositAddressOf("USER:7003"));
        String usdt = chain.trc20Transfer(USDT, SENDER, to, BigInteger.valueOf(3_000_000));
        chain.mine(1);
        // a node that reports the recipient with its letters' case swapped (a valid address of its own cannot be made in
        // a test: it would take ~2^32 tries): the scanner's case-insensitive lookup finds the deposit address
        Network real = networks.require(NET);
        ChainAdapter swapping = (ChainAdapter) Proxy.newProxyInstance(ChainAdapter.class.getClassLoader(),
                new Class<?>[] {ChainAdapter.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(real.adapter(), args);
                        if (method.getName().equals("block")) {
                            ChainBlock b = (ChainBlock) result;
                            return new ChainBlock(b.number(), b.hash(), b.parentHash(), b.transfers().stream()
                                    .map(t -> new ChainTransfer(t.txHash(), t.logIndex(), t.coin(), t.from(), swapCase(t.to()), t.units()))
                                    .toList());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Networks swapped = new Networks(List.of(new Network(NET, real.config(), swapping, real.xpub(), real.hotAddress())));
        DepositScanner scanner = new DepositScanner(swapped, cursors, depositMapper, addressMapper, outbox, tx, scanStatus, props,
                Clock.systemUTC());
        for (int i = 0; i < 20 && scanner.scanOnce(NET) > 0; i++) {
            // until caught up
        }
        assertThat(scanStatus.lag(NET)).isZero();
        assertThat(depositRows(usdt)).isZero();
    }

    static String swapCase(String s) {
        StringBuilder sb = new StringBuilder(s);
        for (int i = 1; i < sb.length(); i++) {
            char c = sb.charAt(i);
            sb.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return sb.toString();
    }

    @Test
    void aUsdtWithdrawalIsSignedByTheHotWalletBroadcastAndConfirmedAfter19Blocks() throws Exception {
        chain.fundToken(USDT, HOT, BigInteger.valueOf(1_000_000_000));
        TronAddress to = freshAddress(1);
        JsonNode accepted = withdraw("wallet:t:1", "USDT", to.hex(), "25.123456");
        assertThat(accepted.path("data").path("status").asText()).as(accepted.toString()).isEqualTo("QUEUED");
        assertThat(accepted.path("data").path("toAddress").asText()).isEqualTo(to.base58()); // canonical Base58Check

        sender.runOnce(NET);
        Map<String, Object> sent = row("wallet:t:1");
        assertThat(sent.get("status")).isEqualTo("BROADCAST");
        assertThat(sent.get("from_address")).isEqualTo(HOT.base58());
        List<Map<String, Object>> txs = txs("wallet:t:1");
        assertThat(txs).hasSize(1);
        String raw = (String) txs.get(0).get("raw_tx");
        assertThat(TronTestChain.signerOf(raw)).isEqualTo(HOT);
        assertThat(chain.broadcasts).filteredOn(t -> t.id().equals(sent.get("tx_hash"))).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(to);
            assertThat(t.token()).isEqualTo(USDT);
            assertThat(t.amount()).isEqualTo(BigInteger.valueOf(25_123_456));
            assertThat(t.feeLimit()).isEqualTo(30_000_000);
        });

        chain.mine(1);
        sender.runOnce(NET);
        assertThat(row("wallet:t:1").get("status")).isEqualTo("BROADCAST");
        assertThat(row("wallet:t:1").get("confirmations")).isEqualTo(1);

        chain.mine(N - 1);
        sender.runOnce(NET);
        Map<String, Object> done = row("wallet:t:1");
        assertThat(done.get("status")).isEqualTo("CONFIRMED");
        assertThat(done.get("confirmations")).isEqualTo(N);
        assertThat(done.get("tx_hash")).isEqualTo(sent.get("tx_hash"));
        assertThat(chain.tokenBalance(USDT, to)).isEqualTo(BigInteger.valueOf(25_123_456));
        assertThat(events("withdrawal.finished", "wallet:t:1")).isEqualTo(1);
        sender.runOnce(NET);
        assertThat(txs("wallet:t:1")).hasSize(1);
    }

    @Test
    void aTrxWithdrawalIsPaidInSun() throws Exception {
        chain.fundTrx(HOT, 50_000_000);
        TronAddress to = freshAddress(2);
        withdraw("wallet:t:2", "TRX", to.base58(), "1.5");
        sender.runOnce(NET);
        chain.mine(N);
        sender.runOnce(NET);
        assertThat(row("wallet:t:2").get("status")).isEqualTo("CONFIRMED");
        assertThat(chain.trxBalance(to)).isEqualTo(1_500_000);
    }

    @Test
    void aRevertedWithdrawalFails() throws Exception {
        chain.fundToken(USDT, HOT, BigInteger.valueOf(100_000_000));
        TronAddress to = freshAddress(3);
        chain.revertTransfersTo(to);
        withdraw("wallet:t:3", "USDT", to.base58(), "10");
        sender.runOnce(NET);
        chain.mine(N);
        sender.runOnce(NET);
        Map<String, Object> failed = row("wallet:t:3");
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("failure_reason")).isEqualTo("reverted");
        assertThat(chain.tokenBalance(USDT, to)).isZero();
        assertThat(events("withdrawal.finished", "wallet:t:3")).isEqualTo(1);
    }

    /**
     * No nonce: a second transaction of one withdrawal may only be signed once the first can never land. Dropped
     * before its expiration it is re-sent as it is; expired but still known to the node it is left alone; expired and
     * unknown it is re-signed on a fresh reference block, and only that one lands.
     */
    @Test
    void anUnminedWithdrawalIsReSignedOnlyOnceItExpiredAndTheNodeDoesNotKnowIt() throws Exception {
        chain.fundToken(USDT, HOT, BigInteger.valueOf(100_000_000));
        TronAddress to = freshAddress(4);
        chain.holdPool(true);
        try {
            withdraw("wallet:t:4", "USDT", to.base58(), "4");
            sender.runOnce(NET);
            String first = (String) row("wallet:t:4").get("tx_hash");
            assertThat(chain.inPool(first)).isTrue();

            chain.evictPool(); // the node lost it before its expiration
            chain.mine(5);
            sender.runOnce(NET);
            assertThat(txs("wallet:t:4")).hasSize(1);
            assertThat(chain.inPool(first)).isTrue(); // the same bytes again
            assertThat(chain.broadcasts).filteredOn(t -> t.id().equals(first)).hasSize(2);

            chain.mine(40); // 120 s more: past the 1 min lifetime and the 30 s margin, but the node still has it
            sender.runOnce(NET);
            assertThat(txs("wallet:t:4")).hasSize(1);

            chain.evictPool();
            sender.runOnce(NET);
            List<Map<String, Object>> txs = txs("wallet:t:4");
            assertThat(txs).hasSize(2);
            String second = (String) txs.get(1).get("tx_hash");
            assertThat(second).isNotEqualTo(first);
            assertThat(txs.get(1).get("nonce")).isEqualTo(txs.get(0).get("nonce"));
            assertThat(SignedTronTransaction.expirationMillis((String) txs.get(1).get("raw_tx")))
                    .isGreaterThan(SignedTronTransaction.expirationMillis((String) txs.get(0).get("raw_tx")));
            assertThat(row("wallet:t:4").get("tx_hash")).isEqualTo(second);
            assertThat(chain.inPool(second)).isTrue();
            assertThat(chain.inPool(first)).isFalse();
        } finally {
            chain.holdPool(false);
        }
        chain.mine(N);
        sender.runOnce(NET);
        Map<String, Object> done = row("wallet:t:4");
        assertThat(done.get("status")).isEqualTo("CONFIRMED");
        assertThat(chain.tokenBalance(USDT, to)).isEqualTo(BigInteger.valueOf(4_000_000)); // paid once
        assertThat(txs("wallet:t:4")).hasSize(2);
    }

    @Autowired
    WithdrawalMapper withdrawalMapper;
    @Autowired
    OutgoingTxs outgoing;
    @Autowired
    HotWalletFunds funds;
    @Autowired
    Clock clock;

    /** The network as the sender sees it, with its adapter's calls passed through {@code around}. */
    Networks withAdapter(java.util.function.BiFunction<java.lang.reflect.Method, Object, Object> around) {
        Network real = networks.require(NET);
        ChainAdapter wrapped = (ChainAdapter) Proxy.newProxyInstance(ChainAdapter.class.getClassLoader(),
                new Class<?>[] {ChainAdapter.class}, (proxy, method, args) -> {
                    try {
                        return around.apply(method, method.invoke(real.adapter(), args));
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new Networks(List.of(new Network(NET, real.config(), wrapped, real.xpub(), real.hotAddress())));
    }

    /**
     * Two sender passes overlapping (the job's lock lapsed): both find the same expired, unknown transaction; the one
     * that re-signs first wins, the other's re-signing is rolled back, so the withdrawal never has two live transactions.
     */
    @Test
    void twoOverlappingPassesReSignAnExpiredWithdrawalOnce() throws Exception {
        chain.fundToken(USDT, HOT, BigInteger.valueOf(100_000_000));
        TronAddress to = freshAddress(6);
        chain.holdPool(true);
        try {
            withdraw("wallet:t:6", "USDT", to.base58(), "6");
            sender.runOnce(NET);
            assertThat(row("wallet:t:6").get("status")).isEqualTo("BROADCAST");
            chain.mine(40); // past the lifetime and the margin
            chain.evictPool();

            // the slow pass has read the expired transaction; the other pass re-signs it before the slow one goes on
            AtomicBoolean overlapped = new AtomicBoolean();
            WithdrawalSender slow = new WithdrawalSender(withAdapter((method, result) -> {
                if (method.getName().equals("hasExpired") && overlapped.compareAndSet(false, true)) {
                    sender.runOnce(NET);
                }
                return result;
            }), withdrawalMapper, outgoing, funds, outbox, tx, clock);
            slow.runOnce(NET);
            assertThat(overlapped).isTrue();

            List<Map<String, Object>> txs = txs("wallet:t:6");
            assertThat(txs).hasSize(2);
            assertThat(row("wallet:t:6").get("tx_hash")).isEqualTo(txs.get(1).get("tx_hash"));
            assertThat(chain.broadcasts).filteredOn(t -> t.to().equals(to)).hasSize(2); // the first and one re-signed
        } finally {
            chain.holdPool(false);
        }
        chain.mine(N);
        sender.runOnce(NET);
        assertThat(row("wallet:t:6").get("status")).isEqualTo("CONFIRMED");
        assertThat(chain.tokenBalance(USDT, to)).isEqualTo(BigInteger.valueOf(6_000_000)); // paid once
    }

    /**
     * The node refused the first transaction (the hot wallet lacked TRX for its energy, say) and it expired unmined:
     * those bytes can never be taken, so a new transaction is signed on a fresh reference block and the withdrawal
     * goes on (before, it stayed QUEUED forever and the wallet's hold was never resolved).
     */
    @Test
    void aWithdrawalWhoseTransactionWasRefusedAndExpiredIsReSigned() throws Exception {
        chain.fundToken(USDT, HOT, BigInteger.valueOf(100_000_000));
        TronAddress to = freshAddress(7);
        chain.node().answer("/wallet/broadcasthex", "{\"result\":false,\"code\":\"CONTRACT_VALIDATE_ERROR\",\"message\":\""
                + java.util.HexFormat.of().formatHex("balance is not sufficient".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"}");
        try {
            withdraw("wallet:t:7", "USDT", to.base58(), "7");
            sender.runOnce(NET);
            assertThat(row("wallet:t:7").get("status")).isEqualTo("QUEUED");
            chain.mine(5);
            sender.runOnce(NET); // not expired yet: the same bytes again, refused again
            assertThat(row("wallet:t:7").get("status")).isEqualTo("QUEUED");
            assertThat(txs("wallet:t:7")).hasSize(1);
        } finally {
            chain.node().forget("/wallet/broadcasthex");
        }
        chain.mine(40); // past the lifetime and the margin: the node refuses it as expired from now on
        sender.runOnce(NET);
        List<Map<String, Object>> txs = txs("wallet:t:7");
        assertThat(txs).hasSize(2);
        assertThat(row("wallet:t:7").get("status")).isEqualTo("BROADCAST");
        assertThat(row("wallet:t:7").get("tx_hash")).isEqualTo(txs.get(1).get("tx_hash"));
        chain.mine(N);
        sender.runOnce(NET);
        assertThat(row("wallet:t:7").get("status")).isEqualTo("CONFIRMED");
        assertThat(chain.tokenBalance(USDT, to)).isEqualTo(BigInteger.valueOf(7_000_000));
    }

    @Test
    void badTronAddressesAre17003() throws Exception {
        TronAddress good = freshAddress(5);
        String flipped = good.base58().substring(0, 33) + (good.base58().endsWith("a") ? "b" : "a");
        for (String bad : List.of(flipped, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "42" + good.hex().substring(2),
                good.base58().toLowerCase(), good.base58().substring(0, 33) + "0")) {
            JsonNode refused = withdraw("wallet:t:bad", "USDT", bad, "1");
            assertThat(refused.path("_http").asInt()).as(bad).isEqualTo(400);
            assertThat(refused.path("code").asInt()).as(bad).isEqualTo(17003);
            JsonNode check = get("/rpc-api/chain/addresses/check?network=" + NET + "&address=" + bad);
            assertThat(check.path("code").asInt()).as(bad).isEqualTo(17003);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chain_withdrawal WHERE withdrawal_id = 'wallet:t:bad'", Integer.class))
                .isZero();
        JsonNode check = get("/rpc-api/chain/addresses/check?network=" + NET + "&address=" + good.hex());
        assertThat(check.path("data").path("address").asText()).isEqualTo(good.base58());
    }

    @Test
    void theNetworkIsListedWithTrxAndUsdt() throws Exception {
        JsonNode all = get("/rpc-api/chain/networks");
        JsonNode tron = all.path("data").get(0);
        assertThat(tron.path("network").asText()).isEqualTo(NET);
        assertThat(tron.path("family").asText()).isEqualTo("TRON");
        assertThat(tron.path("confirmations").asInt()).isEqualTo(N);
        assertThat(tron.path("coins").findValuesAsText("coin")).containsExactly("TRX", "USDT");
        assertThat(tron.path("coins").get(0).path("decimals").asInt()).isEqualTo(6);
        assertThat(tron.path("coins").get(1).path("contract").asText()).isEqualTo(USDT.base58());
    }
}
