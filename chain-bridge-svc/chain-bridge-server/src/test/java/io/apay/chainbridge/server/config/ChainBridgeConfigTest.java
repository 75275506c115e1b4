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

    /** Providers put API keys in the node URL; the signer's settings hold the keystore key and raw keys to import. */
    @Test
    void noSecretIsInTheConfigurationsTextOrTheLoggedNode() {
        ChainProperties props = new ChainProperties();
        ChainProperties.Network eth = new ChainProperties.Network();
        eth.setRpcUrl("https://mainnet.infura.io/v3/secret-project-key");
        props.getNetworks().put("ETH", eth);
        props.getNetworks().put("TRON", tron());
        props.getSigner().setSecretKey("secret-data-key");
        props.getSigner().getImports().put("LOCAL-hot", "0xsecret-private-key");
        props.getSigner().getImports().put("LOCAL-deposits", "xprvsecret-extended-key");
        assertThat(props.toString()).contains("ETH", "TRON")
                .doesNotContain("secret-project-key", "secret-api-key", "secret-data-key", "secret-private-key", "secret-extended-key");

        assertThat(ChainBridgeConfig.nodeHost("https://mainnet.infura.io/v3/secret-project-key")).isEqualTo("https://mainnet.infura.io");
        assertThat(ChainBridgeConfig.nodeHost("https://user:secret-password@node.example:8545/?key=secret-key"))
                .isEqualTo("https://node.example:8545");
        assertThat(ChainBridgeConfig.nodeHost("not a url secret-key")).doesNotContain("secret");
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
