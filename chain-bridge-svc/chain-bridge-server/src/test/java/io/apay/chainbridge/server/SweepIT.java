package io.apay.chainbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.apay.chainbridge.server.service.HotColdCheck;
import io.apay.chainbridge.server.service.SweepService;
import io.apay.common.test.ApayIntegrationTest;
import io.apay.common.test.LocalChain;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Sweeping confirmed deposits to the hot wallet (gas top-up first) and the hot/cold thresholds, on hardhat. */
@ApayIntegrationTest(properties = {"apay.chain.jobs.enabled=false",
        "apay.chain.networks.LOCAL.sweep.enabled=true", "apay.chain.networks.LOCAL.sweep.min-amount.USDT=10",
        "apay.chain.networks.LOCAL.hot-wallet.thresholds.USDT.min=1000",
        "apay.chain.networks.LOCAL.hot-wallet.thresholds.USDT.max=5000",
        "apay.chain.networks.LOCAL.cold-address=0x000000000000000000000000000000000000c01d"})
class SweepIT extends ChainBridgeTestBase {

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
