package io.apay.chainbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.chainbridge.server.service.HotColdCheck;
import io.apay.chainbridge.server.service.SweepService;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.LocalChain;
import io.apay.common.test.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
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

/** Sweeping confirmed deposits to the hot wallet (gas top-up first) and the hot/cold thresholds, on hardhat. */
@ApayIntegrationTest(properties = {"apay.chain.jobs.enabled=false",
        "apay.chain.networks.LOCAL.sweep.enabled=true", "apay.chain.networks.LOCAL.sweep.min-amount.USDT=10",
        "apay.chain.networks.LOCAL.hot-wallet.thresholds.USDT.min=1000",
        "apay.chain.networks.LOCAL.hot-wallet.thresholds.USDT.max=5000",
        "apay.chain.networks.LOCAL.cold-address=0x000000000000000000000000000000000000c01d"})
@Import(SweepIT.Clocks.class)
class SweepIT extends ChainBridgeTestBase {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return MutableClock.startingNow();
        }
    }

    static final int N = 2;
    static final LocalChain chain = LocalChain.start();

    @DynamicPropertySource
    static void localNetwork(DynamicPropertyRegistry registry) {
        LocalNetwork.register(registry, chain, N);
    }

    @AfterAll
    static void stopChain() {
        chain.close();
    }

    @Autowired
    SweepService sweeper;
    @Autowired
    HotColdCheck hotCold;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Clock clock;

    String hot() {
        return chain.account(LocalNetwork.HOT_ACCOUNT);
    }

    List<Map<String, Object>> sweeps(String address) {
        return jdbc.queryForList("SELECT * FROM chain_sweep WHERE address = ? ORDER BY id", address);
    }

    @Test
    void aConfirmedDepositIsSweptToTheHotWalletAfterAGasTopUp() throws Exception {
        String address = depositAddress("USER:2001");
        chain.mint(chain.account(0), new BigDecimal("500"));
        String small = depositAddress("USER:2002");
        String tx = chain.sendUsdt(0, address, new BigDecimal("50"));
        chain.sendUsdt(0, small, new BigDecimal("5")); // below the sweep minimum: stays
        chain.mine(N);
        scanUp(chain);
        assertThat(deposit(tx).get("status")).isEqualTo("CONFIRMED");
        BigDecimal hotBefore = chain.usdtBalance(hot());

        sweeper.runOnce(LocalNetwork.NAME);
        List<Map<String, Object>> steps = sweeps(address);
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).get("kind")).isEqualTo("TOPUP");
        assertThat(chain.ethBalance(address)).isPositive();
        assertThat(sweeps(small)).isEmpty();

        // the top-up is the hot wallet paying a deposit address: not a deposit
        chain.mine(1);
        scanUp(chain);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM chain_deposit WHERE address = ? AND coin = 'ETH'", Integer.class, address)).isZero();

        sweeper.runOnce(LocalNetwork.NAME); // top-up mined: DONE; the address can pay: SWEEP
        steps = sweeps(address);
        assertThat(steps).extracting(s -> s.get("kind")).containsExactly("TOPUP", "SWEEP");
        assertThat(steps.get(0).get("status")).isEqualTo("DONE");
        assertThat(chain.usdtBalance(address)).isEqualByComparingTo("0");
        assertThat(chain.usdtBalance(hot())).isEqualByComparingTo(hotBefore.add(new BigDecimal("50")));
        assertThat(deposit(tx).get("swept")).isIn(true, 1, (byte) 1);

        sweeper.runOnce(LocalNetwork.NAME);
        assertThat(sweeps(address).get(1).get("status")).isEqualTo("DONE");
        sweeper.runOnce(LocalNetwork.NAME);
        assertThat(sweeps(address)).hasSize(2); // nothing more to sweep there
        assertThat(chain.usdtBalance(small)).isEqualByComparingTo("5");
    }

    List<Map<String, Object>> stepTxs(Object sweepId) {
        return jdbc.queryForList("SELECT * FROM chain_tx WHERE owner_kind = 'SWEEP' AND owner_id = ? ORDER BY id", sweepId);
    }

    /** A confirmed deposit of {@code usdt} at a fresh deposit address. */
    String confirmedDeposit(String ownerRef, String usdt) throws Exception {
        return confirmedDepositTo(depositAddress(ownerRef), usdt);
    }

    String confirmedDepositTo(String address, String usdt) throws Exception {
        chain.mint(chain.account(0), new BigDecimal(usdt));
        chain.sendUsdt(0, address, new BigDecimal(usdt));
        chain.mine(N);
        scanUp(chain);
        return address;
    }

    /** Follows an address's steps until its tokens are in the hot wallet (leaves nothing open for the other tests). */
    void sweepThrough(String address) {
        for (int i = 0; i < 6 && !(chain.usdtBalance(address).signum() == 0
                && sweeps(address).stream().allMatch(s -> !"SENT".equals(s.get("status")))); i++) {
            sweeper.runOnce(LocalNetwork.NAME);
            chain.mine(1);
        }
        assertThat(chain.usdtBalance(address)).isEqualByComparingTo("0");
    }

    /**
     * A top-up takes one of the hot wallet's nonces: stuck on its fee it would hold up every later withdrawal, so like a
     * withdrawal it is replaced at the same nonce with a higher fee after replace-after (before, it was only re-sent).
     */
    @Test
    void aStuckTopUpIsReplacedWithAHigherFee() throws Exception {
        String address = confirmedDeposit("USER:2003", "40");
        chain.setAutomine(false);
        try {
            sweeper.runOnce(LocalNetwork.NAME);
            Map<String, Object> topUp = sweeps(address).get(0);
            assertThat(topUp.get("kind")).isEqualTo("TOPUP");
            assertThat(stepTxs(topUp.get("id"))).hasSize(1);
            sweeper.runOnce(LocalNetwork.NAME); // not yet replace-after
            assertThat(stepTxs(topUp.get("id"))).hasSize(1);

            ((MutableClock) clock).advance(Duration.ofMinutes(4));
            sweeper.runOnce(LocalNetwork.NAME);
            List<Map<String, Object>> txs = stepTxs(topUp.get("id"));
            assertThat(txs).hasSize(2);
            assertThat(txs.get(1).get("nonce")).isEqualTo(txs.get(0).get("nonce"));
            assertThat((BigDecimal) txs.get(1).get("fee_price")).isGreaterThan((BigDecimal) txs.get(0).get("fee_price"));
            assertThat(sweeps(address).get(0).get("tx_hash")).isEqualTo(txs.get(1).get("tx_hash"));
            chain.call("evm_mine");
        } finally {
            chain.setAutomine(true);
        }
        sweepThrough(address);
        assertThat(sweeps(address).get(0).get("status")).isEqualTo("DONE");
    }

    /** A top-up the hot wallet cannot pay is not signed (its refused nonce would hold up the withdrawals behind it). */
    @Test
    void aTopUpWaitsWhileTheHotWalletCannotPayIt() throws Exception {
        String address = confirmedDeposit("USER:2004", "30");
        BigInteger hotEth = chain.ethBalance(hot());
        chain.call("hardhat_setBalance", hot(), "0x3e8"); // 1000 wei
        try {
            sweeper.runOnce(LocalNetwork.NAME);
            assertThat(sweeps(address)).isEmpty();
        } finally {
            chain.call("hardhat_setBalance", hot(), "0x" + hotEth.toString(16));
        }
        sweepThrough(address);
        assertThat(sweeps(address)).extracting(s -> s.get("kind")).containsExactly("TOPUP", "SWEEP");
    }

    /**
     * Native coin at a deposit address is a user's credited deposit: a sweep's gas is always a top-up of exactly that
     * gas from the hot wallet, never the user's coin (before, an address holding enough ETH paid the sweep itself).
     */
    @Test
    void aSweepNeverPaysItsGasWithTheUsersOwnNativeDeposit() throws Exception {
        String address = depositAddress("USER:2005");
        BigInteger oneEth = new BigInteger("1000000000000000000");
        String eth = chain.sendEth(0, address, oneEth);
        confirmedDepositTo(address, "20");
        assertThat(deposit(eth).get("status")).isEqualTo("CONFIRMED");

        sweepThrough(address);
        List<Map<String, Object>> steps = sweeps(address);
        assertThat(steps).extracting(s -> s.get("kind")).containsExactly("TOPUP", "SWEEP");
        assertThat(chain.ethBalance(address)).isGreaterThanOrEqualTo(oneEth); // the user's ETH is all there
    }

    @Test
    void theHotColdCheckAlertsAboveMaxAndBelowMin() {
        BigDecimal held = chain.usdtBalance(hot());
        if (held.compareTo(new BigDecimal("1000")) >= 0) {
            throw new IllegalStateException("this test expects the hot wallet to start below its min, it holds " + held);
        }
        List<HotColdCheck.Finding> low = hotCold.runOnce(LocalNetwork.NAME);
        assertThat(low).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(HotColdCheck.Level.BELOW_MIN);
            assertThat(f.move()).isEqualByComparingTo(new BigDecimal("1000").subtract(held));
        });
        assertThat(meters.get("apay.chain.hot.alert").tags("network", "LOCAL", "coin", "USDT").gauge().value()).isEqualTo(-1);

        chain.mint(hot(), new BigDecimal("6000"));
        List<HotColdCheck.Finding> high = hotCold.runOnce(LocalNetwork.NAME);
        assertThat(high.get(0).level()).isEqualTo(HotColdCheck.Level.ABOVE_MAX);
        assertThat(high.get(0).move()).isEqualByComparingTo(held.add(new BigDecimal("6000")).subtract(new BigDecimal("5000")));
        assertThat(meters.get("apay.chain.hot.alert").tags("network", "LOCAL", "coin", "USDT").gauge().value()).isEqualTo(1);
        assertThat(meters.get("apay.chain.hot.balance").tags("network", "LOCAL", "coin", "USDT").gauge().value())
                .isEqualTo(held.add(new BigDecimal("6000")).doubleValue());
    }
}
