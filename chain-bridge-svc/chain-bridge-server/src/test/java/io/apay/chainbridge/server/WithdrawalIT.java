package io.apay.chainbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.apay.chainbridge.server.chain.ChainAdapter;
import io.apay.chainbridge.server.chain.ChainUnavailableException;
import io.apay.chainbridge.server.dal.mapper.WithdrawalMapper;
import io.apay.chainbridge.server.service.Network;
import io.apay.chainbridge.server.service.Networks;
import io.apay.chainbridge.server.service.HotWalletFunds;
import io.apay.chainbridge.server.service.OutgoingTxs;
import io.apay.chainbridge.server.service.WithdrawalSender;
import io.apay.common.mq.OutboxPublisher;
import io.apay.common.test.ApayIntegrationTest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import io.apay.common.test.LocalChain;
import io.apay.common.test.MutableClock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Keys;

/** Withdrawals sent from the hot wallet to a real hardhat node: confirmations, reverts, idempotency, fee replacement. */
@ApayIntegrationTest(properties = {"apay.chain.jobs.enabled=false", "apay.chain.networks.LOCAL.gas.replace-after=3m"})
@Import(WithdrawalIT.Clocks.class)
class WithdrawalIT extends ChainBridgeTestBase {

    static final int N = 3;
    static final LocalChain chain = LocalChain.start();

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return MutableClock.startingNow();
        }
    }

    @DynamicPropertySource
    static void localNetwork(DynamicPropertyRegistry registry) {
        LocalNetwork.register(registry, chain, N);
    }

    @AfterAll
    static void stopChain() {
        chain.close();
    }

    @Autowired
    Clock clock;

    String hot() {
        return chain.account(LocalNetwork.HOT_ACCOUNT);
    }

    /** A fresh address nobody holds a key of (its balance starts at zero). */
    static String freshAddress(int n) {
        return Keys.toChecksumAddress(String.format("0x%040x", new BigInteger("ab00", 16).add(BigInteger.valueOf(n))));
    }

    JsonNode withdraw(String id, String coin, String to, String amount) throws Exception {
        return post("/rpc-api/chain/withdrawals", "{\"withdrawalId\":\"" + id + "\",\"network\":\"LOCAL\",\"coin\":\"" + coin
                + "\",\"toAddress\":\"" + to + "\",\"amount\":\"" + amount + "\"}");
    }

    Map<String, Object> row(String id) {
        return jdbc.queryForMap("SELECT * FROM chain_withdrawal WHERE withdrawal_id = ?", id);
    }

    List<Map<String, Object>> txs(String id) {
        return jdbc.queryForList("SELECT t.* FROM chain_tx t JOIN chain_withdrawal w ON t.owner_id = w.id AND t.owner_kind = 'WITHDRAWAL'"
                + " WHERE w.withdrawal_id = ? ORDER BY t.id", id);
    }

    @Test
    void aUsdtWithdrawalIsBroadcastMinedAndConfirmedAfterNAndTheRecipientHoldsTheAmount() throws Exception {
        chain.mint(hot(), new BigDecimal("1000"));
        String to = freshAddress(1);
        JsonNode accepted = withdraw("wallet:w:1", "USDT", to.toLowerCase(), "25.123456");
        assertThat(accepted.path("data").path("status").asText()).isEqualTo("QUEUED");
        assertThat(accepted.path("data").path("toAddress").asText()).isEqualTo(to); // canonical EIP-55

        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:1").get("status")).isEqualTo("BROADCAST");
        sender.runOnce(LocalNetwork.NAME); // mined (automine): one confirmation
        assertThat(row("wallet:w:1").get("status")).isEqualTo("BROADCAST");
        assertThat(row("wallet:w:1").get("confirmations")).isEqualTo(1);

        chain.mine(N - 1);
        sender.runOnce(LocalNetwork.NAME);
        Map<String, Object> done = row("wallet:w:1");
        assertThat(done.get("status")).isEqualTo("CONFIRMED");
        assertThat(done.get("confirmations")).isEqualTo(N);
        assertThat(chain.usdtBalance(to)).isEqualByComparingTo("25.123456");
        assertThat(chain.receipt((String) done.get("tx_hash")).path("status").asText()).isEqualTo("0x1");
        assertThat(events("withdrawal.finished", "wallet:w:1")).isEqualTo(1);

        // the same request again: the same withdrawal, no second transaction
        JsonNode repeat = withdraw("wallet:w:1", "USDT", to, "25.1234560");
        assertThat(repeat.path("code").asInt()).isZero();
        assertThat(repeat.path("data").path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(repeat.path("data").path("txHash").asText()).isEqualTo(done.get("tx_hash"));
        sender.runOnce(LocalNetwork.NAME);
        assertThat(txs("wallet:w:1")).hasSize(1);
        assertThat(chain.usdtBalance(to)).isEqualByComparingTo("25.123456");

        // the same id with another payload is refused
        JsonNode reused = withdraw("wallet:w:1", "USDT", to, "26");
        assertThat(reused.path("_http").asInt()).isEqualTo(409);
        assertThat(reused.path("code").asInt()).isEqualTo(17010);

        JsonNode view = get("/rpc-api/chain/withdrawals/wallet:w:1");
        assertThat(view.path("data").path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(view.path("data").path("amount").asText()).isEqualTo("25.123456");
    }

    @Test
    void aSendRepeatedAfterACrashBeforeItsStatusWasStoredSendsTheSameTransactionOnce() throws Exception {
        chain.mint(hot(), new BigDecimal("100"));
        String to = freshAddress(6);
        withdraw("wallet:w:6", "USDT", to, "4");
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:6").get("status")).isEqualTo("BROADCAST");
        // as if the process died after sending but before recording BROADCAST: the next pass finds it QUEUED
        jdbc.update("UPDATE chain_withdrawal SET status = 'QUEUED' WHERE withdrawal_id = 'wallet:w:6'");
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:6").get("status")).isEqualTo("BROADCAST");
        assertThat(txs("wallet:w:6")).hasSize(1); // the stored transaction again, never a new one
        chain.mine(N);
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:6").get("status")).isEqualTo("CONFIRMED");
        assertThat(chain.usdtBalance(to)).isEqualByComparingTo("4");
    }

    @Test
    void aWithdrawalTheHotWalletCannotCoverWaitsQueuedWithoutANonce() throws Exception {
        String to = freshAddress(7);
        withdraw("wallet:w:7", "USDT", to, "10000000");
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:7").get("status")).isEqualTo("QUEUED");
        assertThat(row("wallet:w:7").get("nonce")).isNull();
        assertThat(txs("wallet:w:7")).isEmpty();

        chain.mint(hot(), new BigDecimal("10000000"));
        sender.runOnce(LocalNetwork.NAME);
        chain.mine(N);
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:7").get("status")).isEqualTo("CONFIRMED");
        assertThat(chain.usdtBalance(to)).isEqualByComparingTo("10000000");
    }

    @Test
    void aWithdrawalOfTheNativeCoinIsSentToo() throws Exception {
        String to = freshAddress(2);
        withdraw("wallet:w:2", "ETH", to, "0.25");
        sender.runOnce(LocalNetwork.NAME);
        chain.mine(N);
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:2").get("status")).isEqualTo("CONFIRMED");
        assertThat(chain.ethBalance(to)).isEqualTo(new BigInteger("250000000000000000"));
    }

    @Test
    void aTransferThatRevertsOnChainEndsFailedReverted() throws Exception {
        chain.mint(hot(), new BigDecimal("100"));
        String to = freshAddress(3);
        chain.setBlocked(to, true);
        withdraw("wallet:w:3", "USDT", to, "5");
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:3").get("status")).isEqualTo("BROADCAST");
        chain.mine(N);
        sender.runOnce(LocalNetwork.NAME);
        Map<String, Object> failed = row("wallet:w:3");
        assertThat(failed.get("status")).isEqualTo("FAILED");
        assertThat(failed.get("failure_reason")).isEqualTo("reverted");
        assertThat(chain.receipt((String) failed.get("tx_hash")).path("status").asText()).isEqualTo("0x0");
        assertThat(chain.usdtBalance(to)).isEqualByComparingTo("0");
        assertThat(events("withdrawal.finished", "wallet:w:3")).isEqualTo(1);
        chain.setBlocked(to, false);
    }

    @Test
    void aStuckTransactionIsReplacedWithAHigherFeeAndTheReplacementIsWhatConfirms() throws Exception {
        chain.mint(hot(), new BigDecimal("100"));
        String to = freshAddress(4);
        chain.setAutomine(false);
        try {
            withdraw("wallet:w:4", "USDT", to, "9.5");
            sender.runOnce(LocalNetwork.NAME);
            assertThat(row("wallet:w:4").get("status")).isEqualTo("BROADCAST");
            sender.runOnce(LocalNetwork.NAME); // not yet replace-after: nothing new
            assertThat(txs("wallet:w:4")).hasSize(1);

            ((MutableClock) clock).advance(Duration.ofMinutes(4));
            sender.runOnce(LocalNetwork.NAME);
            List<Map<String, Object>> sent = txs("wallet:w:4");
            assertThat(sent).hasSize(2);
            assertThat(sent.get(1).get("nonce")).isEqualTo(sent.get(0).get("nonce"));
            BigInteger firstFee = ((BigDecimal) sent.get(0).get("fee_price")).toBigIntegerExact();
            BigInteger secondFee = ((BigDecimal) sent.get(1).get("fee_price")).toBigIntegerExact();
            assertThat(secondFee).isGreaterThanOrEqualTo(firstFee.multiply(BigInteger.valueOf(120)).divide(BigInteger.valueOf(100)));

            chain.call("evm_mine");
        } finally {
            chain.setAutomine(true);
        }
        chain.mine(N);
        sender.runOnce(LocalNetwork.NAME);
        List<Map<String, Object>> sent = txs("wallet:w:4");
        Map<String, Object> done = row("wallet:w:4");
        assertThat(done.get("status")).isEqualTo("CONFIRMED");
        assertThat(done.get("tx_hash")).isEqualTo(sent.get(1).get("tx_hash"));
        assertThat(chain.receipt((String) sent.get(0).get("tx_hash")).isNull()).isTrue();
        assertThat(chain.usdtBalance(to)).isEqualByComparingTo("9.5");
    }

    @Autowired
    Networks networks;
    @Autowired
    WithdrawalMapper withdrawalMapper;
    @Autowired
    OutgoingTxs outgoing;
    @Autowired
    HotWalletFunds funds;
    @Autowired
    OutboxPublisher outbox;
    @Autowired
    TransactionTemplate tx;

    /** A sender whose node does not answer sends (the withdrawal is signed and stored, never sent). */
    WithdrawalSender senderWithoutBroadcast() {
        Network real = networks.require(LocalNetwork.NAME);
        ChainAdapter down = (ChainAdapter) Proxy.newProxyInstance(ChainAdapter.class.getClassLoader(), new Class<?>[] {ChainAdapter.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("broadcast")) {
                        throw new ChainUnavailableException("LOCAL: the node did not answer eth_sendRawTransaction");
                    }
                    try {
                        return method.invoke(real.adapter(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new WithdrawalSender(new Networks(List.of(new Network(LocalNetwork.NAME, real.config(), down, real.xpub(), real.hotAddress()))),
                withdrawalMapper, outgoing, funds, outbox, tx, clock);
    }

    /**
     * The stored transaction never reached the node, and meanwhile another transaction of the hot wallet took its nonce:
     * the node refuses it ("nonce too low") forever. Once that nonce is final and the refusal has lasted replace-after,
     * the withdrawal is signed again at the hot wallet's next nonce, and paid once.
     */
    @Test
    void aWithdrawalWhoseNonceWasTakenByAnotherTransactionIsReSignedAtANewNonce() throws Exception {
        chain.mint(hot(), new BigDecimal("100"));
        String to = freshAddress(8);
        withdraw("wallet:w:8", "USDT", to, "8");
        try {
            senderWithoutBroadcast().runOnce(LocalNetwork.NAME);
        } catch (ChainUnavailableException expected) {
            // the send failed; the signed transaction is stored
        }
        Map<String, Object> signed = row("wallet:w:8");
        assertThat(signed.get("status")).isEqualTo("QUEUED");
        long nonce = ((Number) signed.get("nonce")).longValue();
        chain.sendEth(LocalNetwork.HOT_ACCOUNT, freshAddress(9), BigInteger.ONE); // the hot wallet's key used elsewhere: takes that nonce

        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:8").get("status")).isEqualTo("QUEUED"); // refused: nonce too low
        assertThat(txs("wallet:w:8")).hasSize(1);

        chain.mine(N); // the other transaction is final
        ((MutableClock) clock).advance(Duration.ofMinutes(4));
        sender.runOnce(LocalNetwork.NAME);
        List<Map<String, Object>> sent = txs("wallet:w:8");
        assertThat(sent).hasSize(2);
        assertThat(((Number) sent.get(1).get("nonce")).longValue()).isGreaterThan(nonce);
        assertThat(row("wallet:w:8").get("status")).isEqualTo("BROADCAST");
        assertThat(row("wallet:w:8").get("nonce")).isEqualTo(sent.get(1).get("nonce"));

        chain.mine(N);
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:8").get("status")).isEqualTo("CONFIRMED");
        assertThat(row("wallet:w:8").get("tx_hash")).isEqualTo(sent.get(1).get("tx_hash"));
        assertThat(chain.usdtBalance(to)).isEqualByComparingTo("8");
    }

    /** A withdrawal that cannot be processed (its coin was removed from the configuration) does not stop the others. */
    @Test
    void aWithdrawalThatCannotBeProcessedDoesNotStopTheOthers() throws Exception {
        chain.mint(hot(), new BigDecimal("100"));
        jdbc.update("INSERT INTO chain_withdrawal (withdrawal_id, network, coin, to_address, amount, status, created_at, updated_at)"
                + " VALUES ('wallet:w:gone', 'LOCAL', 'DOGE', ?, 1, 'QUEUED', NOW(3), NOW(3))", freshAddress(10));
        try {
            String to = freshAddress(11);
            withdraw("wallet:w:a11", "USDT", to, "3");
            sender.runOnce(LocalNetwork.NAME);
            assertThat(row("wallet:w:a11").get("status")).isEqualTo("BROADCAST");
            assertThat(row("wallet:w:gone").get("status")).isEqualTo("QUEUED");
            chain.mine(N);
            sender.runOnce(LocalNetwork.NAME);
            assertThat(row("wallet:w:a11").get("status")).isEqualTo("CONFIRMED");
            assertThat(chain.usdtBalance(to)).isEqualByComparingTo("3");
        } finally {
            jdbc.update("DELETE FROM chain_withdrawal WHERE withdrawal_id = 'wallet:w:gone'");
        }
    }

    /**
     * What the hot wallet has signed but not yet paid counts against its balance: a withdrawal beyond the rest waits
     * without a nonce (before, it was signed on the chain's balance alone and reverted on chain, its fee burnt).
     */
    @Test
    void aWithdrawalBeyondWhatTheHotWalletHoldsBesideItsUnminedOnesWaits() throws Exception {
        chain.mint(hot(), new BigDecimal("100"));
        String amount = chain.usdtBalance(hot()).multiply(new BigDecimal("0.6")).setScale(6, java.math.RoundingMode.DOWN).toPlainString();
        chain.setAutomine(false);
        try {
            withdraw("wallet:w:a12", "USDT", freshAddress(12), amount);
            withdraw("wallet:w:a13", "USDT", freshAddress(13), amount);
            sender.runOnce(LocalNetwork.NAME);
            assertThat(row("wallet:w:a12").get("status")).isEqualTo("BROADCAST");
            assertThat(row("wallet:w:a13").get("status")).isEqualTo("QUEUED");
            assertThat(row("wallet:w:a13").get("nonce")).isNull();
            chain.call("evm_mine");
        } finally {
            chain.setAutomine(true);
        }
        chain.mine(N);
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:a12").get("status")).isEqualTo("CONFIRMED");
        assertThat(row("wallet:w:a13").get("nonce")).isNull(); // the rest still cannot cover it

        chain.mint(hot(), new BigDecimal(amount));
        sender.runOnce(LocalNetwork.NAME);
        chain.mine(N);
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:a13").get("status")).isEqualTo("CONFIRMED");
    }

    /**
     * During a nonce gap (the node lost the lower one) only the lowest unmined nonce is replaced; the later ones cannot
     * be mined before it whatever their fee, so they wait as they are (before, each was bumped every replace-after).
     */
    @Test
    void duringANonceGapOnlyTheLowestUnminedWithdrawalIsReplaced() throws Exception {
        chain.mint(hot(), new BigDecimal("100"));
        chain.setAutomine(false);
        try {
            withdraw("wallet:w:a14", "USDT", freshAddress(14), "1");
            withdraw("wallet:w:a15", "USDT", freshAddress(15), "1");
            sender.runOnce(LocalNetwork.NAME);
            assertThat(row("wallet:w:a14").get("status")).isEqualTo("BROADCAST");
            assertThat(row("wallet:w:a15").get("status")).isEqualTo("BROADCAST");
            chain.call("hardhat_dropTransaction", row("wallet:w:a14").get("tx_hash"));

            ((MutableClock) clock).advance(Duration.ofMinutes(4));
            sender.runOnce(LocalNetwork.NAME);
            assertThat(txs("wallet:w:a14")).hasSize(2); // the lowest unmined nonce: replaced
            assertThat(txs("wallet:w:a15")).hasSize(1); // behind it: not bumped
            chain.call("evm_mine");
        } finally {
            chain.setAutomine(true);
        }
        chain.mine(N);
        sender.runOnce(LocalNetwork.NAME);
        assertThat(row("wallet:w:a14").get("status")).isEqualTo("CONFIRMED");
        assertThat(row("wallet:w:a15").get("status")).isEqualTo("CONFIRMED");
        assertThat(chain.usdtBalance(freshAddress(15))).isEqualByComparingTo("1");
    }

    @Test
    void badRequestsAreRefusedWithTheirCodes() throws Exception {
        String to = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"; // mixed case: a case typo breaks its checksum
        assertThat(withdraw("wallet:w:bad1", "USDT", "0x" + "1".repeat(39), "1").path("code").asInt()).isEqualTo(17003);
        String wrongCase = to.substring(0, 2) + swapCaseOfFirstLetter(to.substring(2));
        assertThat(withdraw("wallet:w:bad2", "USDT", wrongCase, "1").path("code").asInt()).isEqualTo(17003);
        assertThat(withdraw("wallet:w:bad3", "USDT", "TJCnKsPa7y5okkXvQAidZBzqx3QyQ6sxMW", "1").path("code").asInt()).isEqualTo(17003);
        assertThat(withdraw("wallet:w:bad4", "USDT", "0x" + "g".repeat(40), "1").path("code").asInt()).isEqualTo(17003);
        JsonNode unknownNetwork = post("/rpc-api/chain/withdrawals", "{\"withdrawalId\":\"wallet:w:bad5\",\"network\":\"NOPE\","
                + "\"coin\":\"USDT\",\"toAddress\":\"" + to + "\",\"amount\":\"1\"}");
        assertThat(unknownNetwork.path("code").asInt()).isEqualTo(17001);
        assertThat(withdraw("wallet:w:bad6", "BTC", to, "1").path("code").asInt()).isEqualTo(17002);
        JsonNode scale = withdraw("wallet:w:bad7", "USDT", to, "1.1234567");
        assertThat(scale.path("code").asInt()).isEqualTo(17004);
        assertThat(scale.path("_http").asInt()).isEqualTo(400);
        assertThat(scale.toString()).doesNotContain("Exception");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chain_withdrawal WHERE withdrawal_id LIKE 'wallet:w:bad%'", Integer.class)).isZero();
        assertThat(get("/rpc-api/chain/withdrawals/wallet:w:never").path("code").asInt()).isEqualTo(17011);

        JsonNode check = get("/rpc-api/chain/addresses/check?network=LOCAL&address=" + to.toLowerCase());
        assertThat(check.path("data").path("address").asText()).isEqualTo(to);
        assertThat(get("/rpc-api/chain/addresses/check?network=LOCAL&address=" + wrongCase).path("code").asInt()).isEqualTo(17003);
        assertThat(get("/rpc-api/chain/addresses/check?network=NOPE&address=" + to).path("code").asInt()).isEqualTo(17001);
    }

    /** Flips the case of the first letter of a checksummed address (a typo the EIP-55 checksum catches). */
    static String swapCaseOfFirstLetter(String hex) {
        StringBuilder sb = new StringBuilder(hex);
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (Character.isLetter(c)) {
                sb.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                return sb.toString();
            }
        }
        throw new IllegalArgumentException("no letter in " + hex);
    }
}
