package io.apay.wallet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import io.apay.wallet.server.StandInMesh.Fault;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the wallet refuses or ends at its boundary with chain-bridge-svc (the platform's own addresses, voided sends). */
@ApayIntegrationTest
class WalletChainBoundaryIT extends WalletTestSupport {

    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 100 + 50);

    /**
     * The stand-in chain is shared by the test classes of this JVM, and a withdrawal's number (W&lt;id&gt;) restarts in
     * each class's schema: start this class's numbers far from the others' so none names another class's withdrawal.
     */
    @BeforeEach
    void ownWithdrawalNumbers() {
        jdbc.execute("ALTER TABLE wallet_withdrawal AUTO_INCREMENT = " + (IDS.get() * 10 + 1_000_000_000L));
    }

    @Test
    void aWithdrawalOrPayoutToAnAddressOfThisPlatformIsRefusedWithNothingHeld() {
        long owner = user(IDS.incrementAndGet(), null);
        String deposit = asUser(owner, "POST", "/app-api/wallet/deposit-addresses", json("network", "LOCAL")).data().get("address").asText();
        long u = user(IDS.incrementAndGet(), "100");
        usableAddress(u, deposit);
        long holds = MESH.count("ledger.hold");

        Reply refused = withdraw(u, "to-platform", deposit, "10");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo(15024);
        assertThat(refused.body().toString()).contains("internal transfer").doesNotContain("Exception");

        String merchant = "m-" + IDS.incrementAndGet();
        MESH.fund("MERCHANT", merchant, "50");
        Reply payout = rpc("POST", "/rpc-api/wallet/payouts", json("merchantNo", merchant, "payoutNo", "p-own", "network", "LOCAL",
                "coin", "USDT", "toAddress", deposit, "amount", "20"));
        assertThat(payout.code()).isEqualTo(15024);

        assertThat(MESH.count("ledger.hold")).isEqualTo(holds);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM wallet_withdrawal WHERE owner_ref IN (?, ?)", Integer.class,
                "USER:" + u, "MERCHANT:" + merchant)).isZero();
        assertThat(MESH.balance("USER:" + u + ":USDT:AVAILABLE")).isEqualByComparingTo("100");
    }

    @Test
    void aDepositIsCreditedAtTheCoinsScaleRoundedDownAndOneNothingOfWhichCanBeCreditedEndsIgnored() {
        long u = user(IDS.incrementAndGet(), null);
        String owner = "USER:" + u;
        long base = IDS.incrementAndGet() * 10;
        MESH.confirmDeposit(base + 1, owner, "0xscale" + base, "12.3456789"); // an 18-decimal token (BSC USDT)
        MESH.confirmDeposit(base + 2, owner, "0xdust" + base, "0.0000001"); // below USDT's scale of 6
        MESH.confirmDeposit(base + 3, owner, "0xtrx" + base, "TRX", "0.000001"); // a native coin the wallet does not support
        recover();

        java.util.Map<String, Object> scaled = deposit("0xscale" + base);
        assertThat(scaled.get("status")).isEqualTo("CREDITED");
        assertThat((java.math.BigDecimal) scaled.get("amount")).isEqualByComparingTo("12.345678");
        assertThat((java.math.BigDecimal) scaled.get("chain_amount")).isEqualByComparingTo("12.3456789");
        assertThat(MESH.balance(owner + ":USDT:AVAILABLE")).isEqualByComparingTo("12.345678");

        java.util.Map<String, Object> dust = deposit("0xdust" + base);
        assertThat(dust.get("status")).isEqualTo("IGNORED");
        assertThat((String) dust.get("ignored_reason")).contains("scale");
        assertThat((java.math.BigDecimal) dust.get("chain_amount")).isEqualByComparingTo("0.0000001");
        java.util.Map<String, Object> trx = deposit("0xtrx" + base);
        assertThat(trx.get("status")).isEqualTo("IGNORED");
        assertThat((String) trx.get("ignored_reason")).contains("not supported");
        assertThat(MESH.txnsByKey).doesNotContainKeys("deposit:LOCAL:0xdust" + base + ":0", "deposit:LOCAL:0xtrx" + base + ":0");

        // the reconciliation sees the scaled credit and the ignored deposits as they are
        Reply snapshots = rpc("GET", "/rpc-api/wallet/recon/deposits?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&afterId=0&limit=1000", null);
        java.util.List<com.fasterxml.jackson.databind.JsonNode> mine = new java.util.ArrayList<>();
        snapshots.data().forEach(n -> {
            if (n.get("ownerRef").asText().equals(owner)) {
                mine.add(n);
            }
        });
        assertThat(mine).extracting(n -> n.get("state").asText()).containsExactlyInAnyOrder("CREDITED", "IGNORED", "IGNORED");
        com.fasterxml.jackson.databind.JsonNode credited = mine.stream().filter(n -> n.get("state").asText().equals("CREDITED")).findFirst().orElseThrow();
        assertThat(new java.math.BigDecimal(credited.get("amount").asText())).isEqualByComparingTo("12.345678");
        assertThat(new java.math.BigDecimal(credited.get("chainAmount").asText())).isEqualByComparingTo("12.3456789");
        assertThat(credited.get("creditScale").asInt()).isEqualTo(6);
    }

    @Test
    void aRefusedSendVoidsTheNumberAtTheChainBeforeReleasingSoALateAttemptIsNeverSent() {
        long u = user(IDS.incrementAndGet(), "100");
        String to = usableAddress(u, "0xabcdefabcdefabcdefabcdefabcdefabcdef0002");
        MESH.failNext("chain.send", Fault.REFUSE);
        Reply refused = withdraw(u, "void-1", to, "10");
        String no = refused.data().get("withdrawalNo").asText();
        assertThat(refused.data().get("status").asText()).isEqualTo("FAILED");
        assertThat(MESH.voidedWithdrawals).contains(no); // voided before the hold went back
        assertThat(MESH.balance("USER:" + u + ":USDT:AVAILABLE")).isEqualByComparingTo("100");
        assertThat(MESH.balance("USER:" + u + ":USDT:FROZEN")).isEqualByComparingTo("0");
        assertThat(MESH.chainWithdrawals).doesNotContainKey(no);
    }

    @Test
    void aRefusedSendWhoseNumberAnEarlierAttemptGotAcceptedFollowsThatWithdrawalAndKeepsTheHold() {
        long u = user(IDS.incrementAndGet(), "100");
        String to = usableAddress(u, "0xabcdefabcdefabcdefabcdefabcdefabcdef0003");
        MESH.failNext("chain.send", Fault.UNKNOWN_AFTER); // accepted, the answer lost
        Reply sending = withdraw(u, "void-2", to, "10");
        String no = sending.data().get("withdrawalNo").asText();
        assertThat(sending.data().get("status").asText()).isEqualTo("SENDING");
        MESH.failNext("chain.send", Fault.REFUSE); // the recovery's send is refused
        recover();
        assertThat(status(no)).isEqualTo("BROADCAST");
        assertThat(MESH.voidedWithdrawals).doesNotContain(no);
        assertThat(MESH.balance("USER:" + u + ":USDT:FROZEN")).isEqualByComparingTo("11");
    }

    @Test
    void aVoidWithAnUnknownOutcomeLeavesTheWithdrawalSendingForTheRecovery() {
        long u = user(IDS.incrementAndGet(), "100");
        String to = usableAddress(u, "0xabcdefabcdefabcdefabcdefabcdefabcdef0004");
        MESH.failNext("chain.send", Fault.REFUSE);
        MESH.failNext("chain.void", Fault.UNKNOWN_BEFORE);
        Reply pending = withdraw(u, "void-3", to, "10");
        String no = pending.data().get("withdrawalNo").asText();
        assertThat(pending.data().get("status").asText()).isEqualTo("SENDING");
        assertThat(MESH.balance("USER:" + u + ":USDT:FROZEN")).isEqualByComparingTo("11"); // nothing released unvoided
        MESH.failNext("chain.send", Fault.REFUSE);
        recover();
        assertThat(status(no)).isEqualTo("FAILED");
        assertThat(MESH.voidedWithdrawals).contains(no);
        assertThat(MESH.balance("USER:" + u + ":USDT:AVAILABLE")).isEqualByComparingTo("100");
    }

    java.util.Map<String, Object> deposit(String txHash) {
        return jdbc.queryForMap("SELECT * FROM wallet_deposit WHERE tx_hash = ?", txHash);
    }
}
