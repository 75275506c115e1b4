package io.apay.wallet.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.common.test.ApayIntegrationTest;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the wallet refuses or ends at its boundary with chain-bridge-svc (the platform's own addresses, voided sends). */
@ApayIntegrationTest
class WalletChainBoundaryIT extends WalletTestSupport {

    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 100 + 50);

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

    java.util.Map<String, Object> deposit(String txHash) {
        return jdbc.queryForMap("SELECT * FROM wallet_deposit WHERE tx_hash = ?", txHash);
    }
}
