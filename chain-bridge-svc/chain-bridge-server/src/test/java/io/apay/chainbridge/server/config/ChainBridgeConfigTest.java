package io.apay.chainbridge.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.chainbridge.api.enums.ChainFamily;
import io.apay.chainbridge.server.chain.ChainAdapter;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which adapter a configured network gets, and what a TRON network's configuration must hold. */
class ChainBridgeConfigTest {

    static ChainProperties.Network tron() {
        ChainProperties.Network n = new ChainProperties.Network();
        n.setFamily(ChainFamily.TRON);
        n.setRpcUrl("http://127.0.0.1:1");
        n.setApiKey("secret-api-key");
        return n;
    }

    @Test
    void aTronNetworkGetsTheTronAdapterWithTrxAsItsNativeCoin() {
        ChainProperties.Network n = tron();
        ChainAdapter adapter = ChainBridgeConfig.adapter("TRON", n, Clock.systemUTC());
        assertThat(adapter.family()).isEqualTo(ChainFamily.TRON);
        assertThat(adapter.usesNonces()).isFalse();
        assertThat(n.getNativeCoin()).isEqualTo("TRX");
        assertThat(n.getNativeDecimals()).isEqualTo(6);
        assertThat(n.getChainId()).isNull(); // not needed
    }

    @Test
    void anEvmNetworkKeepsItsDefaults() {
        ChainProperties.Network n = new ChainProperties.Network();
        n.setRpcUrl("http://127.0.0.1:1");
        assertThatThrownBy(() -> ChainBridgeConfig.adapter("ETH", n, Clock.systemUTC())).hasMessageContaining("chain-id");
        n.setChainId(1L);
        assertThat(ChainBridgeConfig.adapter("ETH", n, Clock.systemUTC()).usesNonces()).isTrue();
        assertThat(n.getNativeCoin()).isEqualTo("ETH");
        assertThat(n.getNativeDecimals()).isEqualTo(18);
    }

    @Test
    void theApiKeyIsNotInTheConfigurationsText() {
        assertThat(tron().toString()).doesNotContain("secret-api-key");
    }

    @Test
    void aTronNetworkRefusesSweepingAndSettingsOutOfRange() {
        ChainProperties.Network sweeping = tron();
        sweeping.getSweep().setEnabled(true);
        assertThatThrownBy(() -> ChainBridgeConfig.adapter("TRON", sweeping, Clock.systemUTC()))
                .hasMessageContaining("apay.chain.networks.TRON.sweep.enabled");

        ChainProperties.Network longLived = tron();
        longLived.getTron().setTxLifetime(Duration.ofHours(25));
        assertThatThrownBy(() -> ChainBridgeConfig.adapter("TRON", longLived, Clock.systemUTC()))
                .hasMessageContaining("tron.tx-lifetime");

        ChainProperties.Network noFee = tron();
        noFee.getTron().setFeeLimit(0);
        assertThatThrownBy(() -> ChainBridgeConfig.adapter("TRON", noFee, Clock.systemUTC()))
                .hasMessageContaining("tron.fee-limit");

        ChainProperties.Network noUrl = tron();
        noUrl.setRpcUrl(null);
        assertThatThrownBy(() -> ChainBridgeConfig.adapter("TRON", noUrl, Clock.systemUTC())).hasMessageContaining("rpc-url");
    }
}
