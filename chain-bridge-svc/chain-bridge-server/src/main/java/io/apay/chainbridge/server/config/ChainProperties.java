package io.apay.chainbridge.server.config;

import io.apay.chainbridge.api.enums.ChainFamily;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import lombok.Data;
import lombok.ToString;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code apay.chain.*}: the networks chain-bridge-svc serves and how often it scans, sends and sweeps. No network
 * configured: the service boots and serves nothing.
 */
@Data
@ConfigurationProperties("apay.chain")
public class ChainProperties {

    /** By network name ({@code LOCAL}, {@code ETH}, {@code BSC}...): the name callers use. */
    private Map<String, Network> networks = new LinkedHashMap<>();
    private Jobs jobs = new Jobs();
    private SignerSettings signer = new SignerSettings();

    @Data
    public static class Network {
        private ChainFamily family = ChainFamily.EVM;
        /**
         * EVM chain id (EIP-155), e.g. 1 Ethereum, 56 BSC, 137 Polygon, 42161 Arbitrum One, 8453 Base, 31337 hardhat.
         * TRON: not used.
         */
        private Long chainId;
        /**
         * EVM: the JSON-RPC URL. TRON: the full node's HTTP API base URL (https://api.trongrid.io for mainnet). May
         * hold a provider's API key (Infura, Alchemy): never logged, only its host.
         */
        @ToString.Exclude
        private String rpcUrl;
        /**
         * The node provider's API key, sent with every request (TRON: TronGrid's {@code TRON-PRO-API-KEY} header; EVM:
         * not used, put it in the URL if the provider wants it there). A secret: set it from the environment; never
         * logged.
         */
        @ToString.Exclude
        private String apiKey;
        /** Blocks on top of (and including) the one a transfer is in before it is final. */
        private int confirmations = 12;
        /** Account-level extended public key (EVM: m/44'/60'/0', TRON: m/44'/195'/0'); deposit addresses are its children 0/i. */
        private String xpub;
        /** The signer's extended private key id matching {@link #xpub}: sweeping signs with its children. Optional. */
        private String depositKeyId;
        /** The block the first scan starts at; null: the head at the first scan (older transfers are not looked at). */
        private Long startBlock;
        /** Unset: ETH (EVM) or TRX (TRON). */
        private String nativeCoin;
        /** Unset: 18 (EVM) or 6 (TRON: 1 TRX = 1000000 sun). */
        private Integer nativeDecimals;
        /** Tokens by coin name: {USDT: {contract: 0x..., decimals: 6}}. */
        private Map<String, Token> tokens = new LinkedHashMap<>();
        private HotWallet hotWallet = new HotWallet();
        /** Where the hot wallet's excess should go (the hot/cold check names it in its alert). */
        private String coldAddress;
        /** EVM only. */
        private Gas gas = new Gas();
        /** TRON only. */
        private Tron tron = new Tron();
        private Sweep sweep = new Sweep();

        public String getNativeCoin() {
            return nativeCoin != null ? nativeCoin : family == ChainFamily.TRON ? "TRX" : "ETH";
        }

        public int getNativeDecimals() {
            return nativeDecimals != null ? nativeDecimals : family == ChainFamily.TRON ? 6 : 18;
        }
    }

    /** A TRON network's transactions. */
    @Data
    public static class Tron {
        /**
         * The most a TRC-20 transfer may burn for energy, in sun (1 TRX = 1000000 sun). A transfer that needs more
         * fails on chain (OUT_OF_ENERGY) and is still charged; a USDT transfer burns roughly 14 to 28 TRX without
         * staked energy.
         */
        private long feeLimit = 50_000_000L;
        /** How long a signed transaction stays valid after its reference block (the node's head when signed); at most 24 h. */
        private Duration txLifetime = Duration.ofMinutes(10);
        /**
         * How far past its expiration (by the node's head block time) an unmined transaction must be before a new one
         * is signed for the same withdrawal: more than TRON's reorg horizon (19 blocks, about a minute).
         */
        private Duration expiryMargin = Duration.ofMinutes(2);
        /** Connect and request timeout of each call to the node. */
        private Duration requestTimeout = Duration.ofSeconds(10);
    }

    @Data
    public static class Token {
        private String contract;
        private int decimals;
    }

    @Data
    public static class HotWallet {
        /** The signer's key id of the hot wallet, which sends withdrawals. */
        private String keyId;
        /** Its address (checked against the key at start-up). */
        private String address;
        /** Per coin: below min or above max the hot/cold check alerts. */
        private Map<String, Threshold> thresholds = new LinkedHashMap<>();
    }

    @Data
    public static class Threshold {
        private BigDecimal min;
        private BigDecimal max;
    }

    @Data
    public static class Gas {
        /** Never pay more per gas than this (wei). */
        private BigInteger maxGasPrice = new BigInteger("500000000000");
        /** A transaction not mined after this long is replaced (same nonce, higher fee). */
        private Duration replaceAfter = Duration.ofMinutes(3);
        /** How much higher a replacement's gas price is, in percent (nodes want at least 10). */
        private int bumpPercent = 20;
        private BigInteger nativeTransferGas = BigInteger.valueOf(21_000);
        private BigInteger tokenTransferGas = BigInteger.valueOf(100_000);
    }

    @Data
    public static class Sweep {
        private boolean enabled = false;
        /** Per token coin: a deposit address holding at least this much is swept to the hot wallet. */
        private Map<String, BigDecimal> minAmount = new LinkedHashMap<>();
    }

    @Data
    public static class Jobs {
        /** Off: nothing scans, sends or sweeps on its own (tests drive the steps themselves). */
        private boolean enabled = true;
        private Duration scanInterval = Duration.ofSeconds(2);
        /** At most this many blocks per network per scan. */
        private int scanBatchSize = 100;
        private Duration sendInterval = Duration.ofSeconds(2);
        private Duration sweepInterval = Duration.ofMinutes(1);
        /** Blocks kept to find a fork point; a deeper reorg stops the scanner with an error for an operator. */
        private int reorgDepth = 256;
    }

    @Data
    public static class SignerSettings {
        /** Directory of the local keystore: one file per key, encrypted with {@link #secretKey}. */
        private String keystoreDir;
        /** 32 bytes base64 (defaults to apay.crypto.secret-key); never logged. */
        @ToString.Exclude
        private String secretKey;
        /** Keys to import at start-up when missing (key id: 0x-hex private key or xprv); e.g. LOCAL's test keys. Never logged. */
        @ToString.Exclude
        private Map<String, String> imports = new LinkedHashMap<>();
    }
}
