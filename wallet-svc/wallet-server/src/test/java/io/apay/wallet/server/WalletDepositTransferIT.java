package io.apay.wallet.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apay.chainbridge.api.event.ChainEvents;
import io.apay.common.mq.MqNames;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.wallet.server.StandInMesh.Fault;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

/** Deposits credited exactly once (by event and by the recovery's paging), internal transfers, balances and statements. */
@ApayIntegrationTest
class WalletDepositTransferIT extends WalletTestSupport {

    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 100 + 50_000_000);

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    MqNames names;

    void publish(ObjectNode deposit, String eventId) {
        MessageProperties props = new MessageProperties();
        props.setMessageId(eventId);
        props.setContentType("application/json");
        rabbit.send(names.exchange(ChainEvents.DOMAIN), ChainEvents.DEPOSIT_CONFIRMED.routingKey(),
                new Message(deposit.toString().getBytes(StandardCharsets.UTF_8), props));
    }

    String depositStatus(String txHash) throws InterruptedException {
        // waits for the consumer, not a speed check
        for (int i = 0; i < 100; i++) {
            var found = jdbc.queryForList("SELECT status FROM wallet_deposit WHERE tx_hash = ?", String.class, txHash);
            if (!found.isEmpty() && "CREDITED".equals(found.get(0))) {
                return found.get(0);
            }
            Thread.sleep(100);
        }
        return jdbc.queryForList("SELECT status FROM wallet_deposit WHERE tx_hash = ?", String.class, txHash).stream().findFirst().orElse("none");
    }

    @Test
    void aDepositAddressIsTheSameEveryTimeAndAConfirmedDepositIsCreditedOnceByEvent() throws Exception {
        long u = user(IDS.incrementAndGet(), null);
        Reply first = asUser(u, "POST", "/app-api/wallet/deposit-addresses", json("network", "LOCAL"));
        assertThat(first.data().get("address").asText()).startsWith("0x");
        long asked = MESH.count("chain.depositAddress");
        assertThat(asUser(u, "POST", "/app-api/wallet/deposit-addresses", json("network", "LOCAL")).data().get("address").asText())
                .isEqualTo(first.data().get("address").asText());
        assertThat(MESH.count("chain.depositAddress")).isEqualTo(asked); // cached

        String tx = "0x" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        ObjectNode deposit = MESH.confirmDeposit(IDS.incrementAndGet(), "USER:" + u, tx, "25.5");
        String eventId = UUID.randomUUID().toString();
        publish(deposit, eventId);
        publish(deposit, eventId); // a redelivery
        publish(deposit, UUID.randomUUID().toString()); // the same deposit reported twice
        assertThat(depositStatus(tx)).isEqualTo("CREDITED");
        Thread.sleep(500); // let the duplicates arrive too
        assertThat(MESH.balance("USER:" + u + ":USDT:AVAILABLE")).isEqualByComparingTo("25.5");
        assertThat(MESH.txnsByKey).containsKey("deposit:LOCAL:" + tx + ":0");
        Reply history = asUser(u, "GET", "/app-api/wallet/deposits", null);
        assertThat(history.data().get(0).get("credited").asBoolean()).isTrue();
        assertThat(history.data().get(0).get("requiredConfirmations").asInt()).isEqualTo(12);
    }

    @Test
    void aDepositWhoseEventWasLostIsCreditedByTheRecoveryAndAnUnknownCreditIsFinished() {
        long u = user(IDS.incrementAndGet(), null);
        String tx1 = "0xa" + UUID.randomUUID().toString().replace("-", "");
        String tx2 = "0xb" + UUID.randomUUID().toString().replace("-", "");
        MESH.confirmDeposit(IDS.incrementAndGet(), "USER:" + u, tx1, "10");
        ObjectNode second = MESH.confirmDeposit(IDS.incrementAndGet(), "USER:" + u, tx2, "5");
        MESH.failNext("ledger.transfer", Fault.UNKNOWN_AFTER);
        recover();
        // the first was applied in the ledger but its answer lost: still CREDITING; the second is credited
        assertThat(jdbc.queryForList("SELECT status FROM wallet_deposit WHERE owner_ref = ? ORDER BY id", String.class, "USER:" + u))
                .containsExactly("CREDITING", "CREDITED");
        recover();
        assertThat(jdbc.queryForList("SELECT status FROM wallet_deposit WHERE owner_ref = ? ORDER BY id", String.class, "USER:" + u))
                .containsExactly("CREDITED", "CREDITED");
        assertThat(MESH.balance("USER:" + u + ":USDT:AVAILABLE")).isEqualByComparingTo("15");
        long reads = MESH.count("chain.confirmedDeposits");
        recover(); // the cursor moved past them: nothing read twice, nothing credited twice
        assertThat(MESH.balance("USER:" + u + ":USDT:AVAILABLE")).isEqualByComparingTo("15");
        assertThat(MESH.count("chain.confirmedDeposits")).isEqualTo(reads + 1);
        assertThat(jdbc.queryForObject("SELECT position FROM wallet_cursor WHERE name = 'chain.confirmed-deposits'", Long.class))
                .isGreaterThanOrEqualTo(second.get("confirmSeq").asLong());
    }

    @Test
    void aDepositThatConfirmsAfterAHigherIdMovedTheCursorIsStillCreditedByTheRecovery() {
        long u = user(IDS.incrementAndGet(), null);
        String seenFirstTx = "0xc" + UUID.randomUUID().toString().replace("-", "");
        String seenLaterTx = "0xd" + UUID.randomUUID().toString().replace("-", "");
        long seenFirst = IDS.incrementAndGet(); // chain-bridge-svc's ids are given when a deposit is seen
        long seenLater = IDS.incrementAndGet();
        // the later one confirms first (e.g. on a network with fewer confirmations); both events are lost
        MESH.confirmDeposit(seenLater, "USER:" + u, seenLaterTx, "7");
        recover();
        assertThat(jdbc.queryForList("SELECT status FROM wallet_deposit WHERE tx_hash = ?", String.class, seenLaterTx))
                .containsExactly("CREDITED");
        MESH.confirmDeposit(seenFirst, "USER:" + u, seenFirstTx, "3");
        recover();
        // paged by id, the cursor (past seenLater) would have hidden it for good
        assertThat(jdbc.queryForList("SELECT status FROM wallet_deposit WHERE tx_hash = ?", String.class, seenFirstTx))
                .containsExactly("CREDITED");
        assertThat(MESH.balance("USER:" + u + ":USDT:AVAILABLE")).isEqualByComparingTo("10");
    }

    @Test
    void anInternalTransferMovesCoinOnceOnARetryAndRefusesAnotherPayloadUnderItsNumber() {
        long a = user(IDS.incrementAndGet(), "100");
        long b = user(IDS.incrementAndGet(), null);
        String body = json("transferNo", "t-1", "toUserId", b, "coin", "USDT", "amount", "30", "totpCode", "123456");
        Reply first = asUser(a, "POST", "/app-api/wallet/transfers", body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data().get("status").asText()).isEqualTo("DONE");
        assertThat(first.data().get("amount").asText()).isEqualTo("30.000000"); // at the coin's scale, like withdrawals
        Reply again = asUser(a, "POST", "/app-api/wallet/transfers", body);
        assertThat(again.data().get("txnId").asLong()).isEqualTo(first.data().get("txnId").asLong());
        assertThat(MESH.balance("USER:" + a + ":USDT:AVAILABLE")).isEqualByComparingTo("70");
        assertThat(MESH.balance("USER:" + b + ":USDT:AVAILABLE")).isEqualByComparingTo("30");
        assertThat(asUser(a, "POST", "/app-api/wallet/transfers", body.replace("\"30\"", "\"31\"")).code()).isEqualTo(15018);

        // by phone; to oneself; to nobody; too much; a lost answer finished by the recovery
        String phoneOfB = "+86136" + String.format("%08d", b);
        assertThat(asUser(a, "POST", "/app-api/wallet/transfers", json("transferNo", "t-2", "toPhone", phoneOfB, "coin", "USDT",
                "amount", "1", "totpCode", "123456")).data().get("toUserId").asLong()).isEqualTo(b);
        assertThat(asUser(a, "POST", "/app-api/wallet/transfers", json("transferNo", "t-3", "toUserId", a, "coin", "USDT",
                "amount", "1", "totpCode", "123456")).code()).isEqualTo(15017);
        assertThat(asUser(a, "POST", "/app-api/wallet/transfers", json("transferNo", "t-4", "toUserId", 1, "coin", "USDT",
                "amount", "1", "totpCode", "123456")).code()).isEqualTo(15016);
        assertThat(asUser(a, "POST", "/app-api/wallet/transfers", json("transferNo", "t-5", "coin", "USDT",
                "amount", "1", "totpCode", "123456")).code()).isEqualTo(15021);
        Reply poor = asUser(a, "POST", "/app-api/wallet/transfers", json("transferNo", "t-6", "toUserId", b, "coin", "USDT",
                "amount", "1000", "totpCode", "123456"));
        assertThat(poor.code()).isEqualTo(15011);
        assertThat(asUser(a, "POST", "/app-api/wallet/transfers", json("transferNo", "t-6", "toUserId", b, "coin", "USDT",
                "amount", "1000", "totpCode", "123456")).code()).isEqualTo(15011);
        MESH.failNext("ledger.transfer", Fault.UNKNOWN_BEFORE);
        Reply pending = asUser(a, "POST", "/app-api/wallet/transfers", json("transferNo", "t-7", "toUserId", b, "coin", "USDT",
                "amount", "9", "totpCode", "123456"));
        assertThat(pending.data().get("status").asText()).isEqualTo("PENDING");
        recover();
        assertThat(jdbc.queryForObject("SELECT status FROM wallet_transfer WHERE from_user_id = ? AND transfer_no = 't-7'", String.class, a))
                .isEqualTo("DONE");
        assertThat(MESH.balance("USER:" + a + ":USDT:AVAILABLE")).isEqualByComparingTo("60");
        assertThat(asUser(b, "GET", "/app-api/wallet/transfers", null).data().get("total").asLong()).isEqualTo(4); // t-1, t-2, t-6 (FAILED), t-7
    }
}
