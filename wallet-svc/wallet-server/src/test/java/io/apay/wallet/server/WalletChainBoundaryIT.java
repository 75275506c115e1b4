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
}
