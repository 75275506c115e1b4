package io.apay.chainbridge.server.config;

import io.apay.chainbridge.api.event.ChainEvents;
import io.apay.chainbridge.server.chain.ChainAdapter;
import io.apay.chainbridge.server.chain.ExtendedPublicKey;
import io.apay.chainbridge.server.chain.evm.EvmChainAdapter;
import io.apay.chainbridge.server.chain.tron.TronChainAdapter;
import io.apay.chainbridge.server.service.Network;
import io.apay.chainbridge.server.service.Networks;
import io.apay.chainbridge.server.signer.LocalKeystoreSigner;
import io.apay.chainbridge.server.signer.Signer;
import io.apay.chainbridge.server.tron.TronGridClient;
import io.apay.chainbridge.server.tron.TronTxValidity;
import io.apay.common.core.crypto.SecretCipher;
import io.apay.common.mq.MqNames;
import io.apay.common.mq.MqTopology;
import java.net.URI;
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
    public Networks networks(ChainProperties props, Signer signer, Clock clock) {
        List<Network> all = new ArrayList<>();
        props.getNetworks().forEach((name, config) -> {
            ChainAdapter adapter = adapter(name, config, clock);
            ExtendedPublicKey xpub = config.getXpub() == null || config.getXpub().isBlank() ? null : ExtendedPublicKey.parse(config.getXpub());
            all.add(new Network(name, config, adapter, xpub, hotAddress(name, config, adapter, signer)));
            // the API key is a secret: only whether one is set; the node's URL may hold one too: only its host
            log.info("chain network {}: {}{} at {} (api key {}), {} confirmations", name, config.getFamily(),
                    config.getChainId() == null ? "" : " chain id " + config.getChainId(), nodeHost(config.getRpcUrl()),
                    config.getApiKey() == null || config.getApiKey().isBlank() ? "not set" : "set", config.getConfirmations());
        });
        return new Networks(all);
    }

    /**
     * The scheme, host and port of a node URL, for the log: providers put API keys in the path, the query or the
     * user info, none of which is shown.
     */
    static String nodeHost(String rpcUrl) {
        try {
            URI uri = URI.create(rpcUrl.trim());
            if (uri.getHost() == null) {
                return "(a URL without a host)";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException | NullPointerException e) {
            return "(not a URL)";
        }
    }

    static ChainAdapter adapter(String name, ChainProperties.Network config, Clock clock) {
        String p = "apay.chain.networks." + name;
        if (config.getRpcUrl() == null || config.getRpcUrl().isBlank()) {
            throw new IllegalStateException(p + ": rpc-url is required");
        }
        return switch (config.getFamily()) {
            case EVM -> {
                if (config.getChainId() == null) {
                    throw new IllegalStateException(p + ": chain-id is required for an EVM network");
                }
                yield new EvmChainAdapter(name, config, Web3j.build(new HttpService(config.getRpcUrl())));
            }
            case TRON -> {
                ChainProperties.Tron tron = config.getTron();
                if (tron.getFeeLimit() <= 0) {
                    throw new IllegalStateException(p + ".tron.fee-limit: a positive number of sun");
                }
                if (tron.getTxLifetime().isNegative() || tron.getTxLifetime().isZero()
                        || tron.getTxLifetime().compareTo(TronTxValidity.MAX_LIFETIME) > 0) {
                    throw new IllegalStateException(p + ".tron.tx-lifetime: more than zero, at most " + TronTxValidity.MAX_LIFETIME);
                }
                if (tron.getExpiryMargin().isNegative()) {
                    throw new IllegalStateException(p + ".tron.expiry-margin: not negative");
                }
                if (config.getSweep().isEnabled()) {
                    // deposit addresses would need TRX (or delegated energy) for every sweep; not built: they are
                    // moved by an operator, see docs/tron.md
                    throw new IllegalStateException(p + ".sweep.enabled: sweeping is not supported on TRON networks");
                }
                yield new TronChainAdapter(name, config, new TronGridClient(URI.create(config.getRpcUrl()), config.getApiKey(),
                        tron.getRequestTimeout()), clock);
            }
        };
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
