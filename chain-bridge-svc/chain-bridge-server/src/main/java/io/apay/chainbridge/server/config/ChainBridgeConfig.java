package io.apay.chainbridge.server.config;

import io.apay.chainbridge.api.enums.ChainFamily;
import io.apay.chainbridge.api.event.ChainEvents;
import io.apay.chainbridge.server.chain.ChainAdapter;
import io.apay.chainbridge.server.chain.ExtendedPublicKey;
import io.apay.chainbridge.server.chain.evm.EvmChainAdapter;
import io.apay.chainbridge.server.service.Network;
import io.apay.chainbridge.server.service.Networks;
import io.apay.chainbridge.server.signer.LocalKeystoreSigner;
import io.apay.chainbridge.server.signer.Signer;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.mq.MqNames;
import io.apay.common.mq.MqTopology;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

@Configuration
@EnableConfigurationProperties(ChainProperties.class)
public class ChainBridgeConfig {

    private static final Logger log = LoggerFactory.getLogger(ChainBridgeConfig.class);

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** chain-bridge-svc publishes deposit and withdrawal events on {@code apay.chain}. */
    @Bean
    public Declarables chainExchange(MqNames names) {
        return MqTopology.publisher(names, ChainEvents.DOMAIN);
    }

    /** The local keystore, and the keys configured for import (LOCAL's test keys) stored into it when missing. */
    @Bean
    @ConditionalOnMissingBean(Signer.class)
    public Signer localKeystoreSigner(ChainProperties props, @Value("${apay.crypto.secret-key:}") String dataKey,
                                                   @Value("${user.home}") String home) {
        ChainProperties.SignerSettings s = props.getSigner();
        String key = s.getSecretKey() == null || s.getSecretKey().isBlank() ? dataKey : s.getSecretKey();
        if ((key == null || key.isBlank()) && s.getImports().isEmpty()) {
            return NO_KEYS; // nothing to sign with: the service still serves deposits; a hot wallet would stop the start-up
        }
        Path dir = s.getKeystoreDir() == null || s.getKeystoreDir().isBlank()
                ? Path.of(home, ".apay", "chain-keystore") : Path.of(s.getKeystoreDir());
        LocalKeystoreSigner signer = new LocalKeystoreSigner(dir, SecretCipher.fromBase64(key));
        for (Map.Entry<String, String> imported : s.getImports().entrySet()) {
            if (imported.getValue() != null && !imported.getValue().isBlank() && signer.importKey(imported.getKey(), imported.getValue())) {
                log.info("chain signer: key {} imported into the keystore", imported.getKey());
            }
        }
        return signer;
    }

    private static final Signer NO_KEYS = new Signer() {
        @Override
        public byte[] publicKey(String keyId) {
            throw new IllegalStateException("no signer key (apay.chain.signer.secret-key / apay.crypto.secret-key) is configured");
        }

        @Override
        public Signature sign(String keyId, byte[] hash) {
            throw new IllegalStateException("no signer key (apay.chain.signer.secret-key / apay.crypto.secret-key) is configured");
        }
    };

    @Bean
    public Networks networks(ChainProperties props, Signer signer) {
        List<Network> all = new ArrayList<>();
        props.getNetworks().forEach((name, config) -> {
            ChainAdapter adapter = adapter(name, config);
            ExtendedPublicKey xpub = config.getXpub() == null || config.getXpub().isBlank() ? null : ExtendedPublicKey.parse(config.getXpub());
            all.add(new Network(name, config, adapter, xpub, hotAddress(name, config, adapter, signer)));
            log.info("chain network {}: {} chain id {} at {}, {} confirmations", name, config.getFamily(), config.getChainId(),
                    config.getRpcUrl(), config.getConfirmations());
        });
        return new Networks(all);
    }

    private static ChainAdapter adapter(String name, ChainProperties.Network config) {
        if (config.getFamily() != ChainFamily.EVM) {
            throw new IllegalStateException("apay.chain.networks." + name + ": no adapter for the " + config.getFamily() + " family yet");
        }
        if (config.getChainId() == null || config.getRpcUrl() == null) {
            throw new IllegalStateException("apay.chain.networks." + name + ": chain-id and rpc-url are required");
        }
        return new EvmChainAdapter(name, config, Web3j.build(new HttpService(config.getRpcUrl())));
    }

    /** The hot wallet's address, from its key; a configured address that does not match it stops the start-up. */
    private static String hotAddress(String name, ChainProperties.Network config, ChainAdapter adapter, Signer signer) {
        String keyId = config.getHotWallet().getKeyId();
        if (keyId == null || keyId.isBlank()) {
            return null;
        }
        String address = adapter.addressOf(signer.publicKey(keyId));
        String configured = config.getHotWallet().getAddress();
        if (configured != null && !configured.isBlank()
                && !adapter.canonicalAddress(configured).map(address::equals).orElse(false)) {
            throw new IllegalStateException("apay.chain.networks." + name + ".hot-wallet: address " + configured
                    + " is not the address of key " + keyId + " (" + address + ")");
        }
        return address;
    }
}
