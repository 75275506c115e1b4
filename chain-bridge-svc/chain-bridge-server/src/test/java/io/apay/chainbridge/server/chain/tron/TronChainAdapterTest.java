package io.apay.chainbridge.server.chain.tron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.apay.chainbridge.api.enums.ChainFamily;
import io.apay.chainbridge.server.chain.ChainBlock;
import io.apay.chainbridge.server.chain.ChainTransfer;
import io.apay.chainbridge.server.chain.ChainUnavailableException;
import io.apay.chainbridge.server.chain.SignedTx;
import io.apay.chainbridge.server.chain.SigningReference;
import io.apay.chainbridge.server.chain.TransferOrder;
import io.apay.chainbridge.server.chain.TxReceipt;
import io.apay.chainbridge.server.chain.TxRejectedException;
import io.apay.chainbridge.server.config.ChainProperties;
import io.apay.chainbridge.server.signer.Signer;
import io.apay.chainbridge.server.tron.SignedTronTransaction;
import io.apay.chainbridge.server.tron.TronAddress;
import io.apay.chainbridge.server.tron.TronGridClient;
import io.apay.chainbridge.server.tron.TronTestChain;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.ECKeyPair;

/** The TRON adapter against {@link TronTestChain}, a TronGrid-shaped chain in memory (never a real TRON node). */
class TronChainAdapterTest {

    static final TronAddress USDT = TronAddress.parse("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
    static final TronAddress OTHER_TOKEN = TronAddress.parse("41eca9bc828a3005b9a3b909f2cc5c2a54794de05f");
    static final TronAddress SENDER = TronAddress.parse("THTR75o8xXAgCTQqpiot2AFRAjvW1tSbVV");
    static final TronAddress STRANGER = TronAddress.parse("TQLCsShbQNXMTVCjprY64qZmEA4rBarpQp");
    static final TronAddress RECIPIENT = TronAddress.parse("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeC");
    static final long FEE_LIMIT = 30_000_000;

    final Bip32ECKeyPair account = TronTestKeys.account(0);
    final ECKeyPair hotKey = TronTestKeys.child(TronTestKeys.account(1), 0);
    final TronAddress hot = TronTestKeys.address(hotKey);
    final Signer signer = TronTestKeys.signer(Map.of("hot", hotKey));

    TronTestChain chain;
    ChainProperties.Network config;
    TronChainAdapter adapter;

    @BeforeEach
    void start() {
        chain = new TronTestChain();
        config = new ChainProperties.Network();
        config.setFamily(ChainFamily.TRON);
        config.setRpcUrl(chain.url().toString());
        ChainProperties.Token usdt = new ChainProperties.Token();
        usdt.setContract(USDT.base58());
        usdt.setDecimals(6);
        config.getTokens().put("USDT", usdt);
        config.getTron().setFeeLimit(FEE_LIMIT);
        config.getTron().setTxLifetime(Duration.ofMinutes(1));
        config.getTron().setExpiryMargin(Duration.ofSeconds(30));
        adapter = new TronChainAdapter("TRON", config, new TronGridClient(chain.url(), null, Duration.ofSeconds(5)),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        chain.close();
    }

    @Test
    void depositAddressesAreTheBip44Coin195ChildrenOfTheAccountKey() {
        assertThat(adapter.deriveAddress(TronTestKeys.xpub(account), "0/0")).isEqualTo(TronTestKeys.FIRST_DEPOSIT_ADDRESS);
        assertThat(adapter.deriveAddress(TronTestKeys.xpub(account), "0/4")).isEqualTo("TT2X2yyubp7qpAWYYNE5JQWBtoZ7ikQFsY");
        assertThat(adapter.family()).isEqualTo(ChainFamily.TRON);
        assertThat(adapter.addressOf(signer.publicKey("hot"))).isEqualTo(hot.base58());
    }

    @Test
    void theCanonicalAddressIsBase58CheckAndABadOneIsNone() {
        assertThat(adapter.canonicalAddress(RECIPIENT.base58())).contains(RECIPIENT.base58());
        assertThat(adapter.canonicalAddress(RECIPIENT.hex())).contains(RECIPIENT.base58());
        assertThat(adapter.canonicalAddress("TJRyWwFs9wTFGZg3JbrVriFbNfCug5tDeD")).isEmpty(); // checksum
        assertThat(adapter.canonicalAddress(RECIPIENT.base58().toLowerCase(Locale.ROOT))).isEmpty(); // case matters
        assertThat(adapter.canonicalAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).isEmpty(); // EVM
        assertThat(adapter.canonicalAddress("42" + RECIPIENT.hex().substring(2))).isEmpty(); // prefix
        assertThat(adapter.canonicalAddress(null)).isEmpty();
    }

    @Test
    void aBlockGivesTheConfiguredTokensAndTrxTransfersToWatchedAddresses() {
        String usdtToWatched = chain.trc20Transfer(USDT, SENDER, RECIPIENT, BigInteger.valueOf(12_500_000));
        chain.trc20Transfer(USDT, SENDER, STRANGER, BigInteger.valueOf(1_000_000));
        chain.trc20Transfer(OTHER_TOKEN, SENDER, RECIPIENT, BigInteger.valueOf(7));
        String trxToWatched = chain.trxTransfer(SENDER, RECIPIENT, 2_000_000);
        chain.mine(1);

        List<String> asked = new ArrayList<>();
        ChainBlock block = adapter.block(1, a -> {
            asked.add(a);
            return a.equals(RECIPIENT.base58().toLowerCase(Locale.ROOT));
        });

        assertThat(adapter.headBlockNumber()).isEqualTo(1);
        assertThat(adapter.blockHash(1)).contains(chain.blockId(1));
        assertThat(adapter.blockHash(2)).isEmpty();
        assertThat(block.number()).isEqualTo(1);
        assertThat(block.hash()).isEqualTo(chain.blockId(1));
        assertThat(block.parentHash()).isEqualTo(chain.blockId(0));
        assertThat(block.transfers()).containsExactly(
                new ChainTransfer(usdtToWatched, 0, "USDT", SENDER.base58(), RECIPIENT.base58(), BigInteger.valueOf(12_500_000)),
                new ChainTransfer(trxToWatched, -1, "TRX", SENDER.base58(), RECIPIENT.base58(), BigInteger.valueOf(2_000_000)));
        assertThat(asked).allMatch(a -> a.equals(a.toLowerCase(Locale.ROOT)));
        assertThatThrownBy(() -> adapter.block(5, a -> true)).isInstanceOf(ChainUnavailableException.class);
    }

    /**
     * The reference block is read before the sender's signing transaction and handed in with the order: signing then
     * asks the node nothing (no remote call while the nonce row is locked), and the transaction refers to that block.
     */
    @Test
    void aTransferSignedOnAReferenceReadBeforehandAsksTheNodeNothing() {
        chain.fundToken(USDT, hot, BigInteger.valueOf(10_000_000));
        SigningReference reference = adapter.signingReference();
        assertThat(reference.blockId()).isEqualTo(chain.blockId(chain.headNumber()));
        chain.mine(2); // the head moved on: the order's reference still counts
        int before = chain.node().requests.size();

        SignedTx signed = adapter.signTransfer(new TransferOrder("hot", "USDT", RECIPIENT.base58(), BigInteger.valueOf(1_000_000),
                0, BigInteger.ONE, reference), signer);
        assertThat(chain.node().requests).hasSize(before);
        assertThat(SignedTronTransaction.expirationMillis(signed.raw()))
                .isEqualTo(reference.timestampMillis() + Duration.ofMinutes(1).toMillis());
        adapter.broadcast(signed); // the node takes it: the reference block is one of its own
        chain.mine(1);
        assertThat(adapter.receipt(signed.hash())).hasValueSatisfying(r -> assertThat(r.success()).isTrue());
    }

    @Test
    void aTrc20TransferIsSignedByTheKeyBroadcastMinedAndHasASuccessReceipt() {
        chain.fundToken(USDT, hot, BigInteger.valueOf(100_000_000));
        long headTime = chain.headTimestamp();

        SignedTx signed = adapter.signTransfer(new TransferOrder("hot", "USDT", RECIPIENT.base58(), BigInteger.valueOf(25_123_456),
                0, BigInteger.ONE), signer);
        assertThat(SignedTronTransaction.expirationMillis(signed.raw())).isEqualTo(headTime + Duration.ofMinutes(1).toMillis());
        adapter.broadcast(signed);
        adapter.broadcast(signed); // the node has it already: fine

        // the node checked the signature against the owner; what it decoded is the order
        assertThat(chain.broadcasts).singleElement().satisfies(tx -> {
            assertThat(tx.id()).isEqualTo(signed.hash());
            assertThat(tx.from()).isEqualTo(hot);
            assertThat(tx.to()).isEqualTo(RECIPIENT);
            assertThat(tx.token()).isEqualTo(USDT);
            assertThat(tx.amount()).isEqualTo(BigInteger.valueOf(25_123_456));
            assertThat(tx.feeLimit()).isEqualTo(FEE_LIMIT);
        });
        assertThat(adapter.isKnown(signed.hash())).isTrue();
        assertThat(adapter.receipt(signed.hash())).isEmpty();

        chain.mine(1);
        assertThat(adapter.receipt(signed.hash())).contains(new TxReceipt(signed.hash(), 1, chain.blockId(1), true));
        assertThat(adapter.isKnown(signed.hash())).isTrue();
        assertThat(adapter.balance("USDT", RECIPIENT.base58())).isEqualTo(BigInteger.valueOf(25_123_456));
        assertThat(adapter.balance("USDT", hot.base58())).isEqualTo(BigInteger.valueOf(100_000_000 - 25_123_456));
    }

    @Test
    void aTrxTransferIsSignedAndMined() {
        chain.fundTrx(hot, 10_000_000);
        SignedTx signed = adapter.signTransfer(new TransferOrder("hot", "TRX", RECIPIENT.hex(), BigInteger.valueOf(1_500_000),
                0, BigInteger.ONE), signer);
        adapter.broadcast(signed);
        chain.mine(1);

        assertThat(adapter.receipt(signed.hash()).map(TxReceipt::success)).contains(true);
        assertThat(adapter.balance("TRX", RECIPIENT.base58())).isEqualTo(BigInteger.valueOf(1_500_000));
        assertThat(adapter.balance("TRX", hot.base58())).isEqualTo(BigInteger.valueOf(8_500_000));
        assertThat(adapter.balance("TRX", STRANGER.base58())).isZero(); // never activated: the node answers {}
        assertThat(chain.broadcasts).singleElement().satisfies(tx -> assertThat(tx.token()).isNull());
    }

    @Test
    void aRevertedTransferHasAFailedReceipt() {
        chain.fundToken(USDT, hot, BigInteger.valueOf(5_000_000));
        chain.revertTransfersTo(RECIPIENT);
        SignedTx signed = adapter.signTransfer(new TransferOrder("hot", "USDT", RECIPIENT.base58(), BigInteger.valueOf(5_000_000),
                0, BigInteger.ONE), signer);
        adapter.broadcast(signed);
        chain.mine(1);

        assertThat(adapter.receipt(signed.hash())).contains(new TxReceipt(signed.hash(), 1, chain.blockId(1), false));
        assertThat(adapter.balance("USDT", RECIPIENT.base58())).isZero();
    }

    @Test
    void aTransactionExpiresByTheHeadBlockTimeAndTheMarginAndIsThenRefused() {
        chain.fundToken(USDT, hot, BigInteger.valueOf(5_000_000));
        SignedTx signed = adapter.signTransfer(new TransferOrder("hot", "USDT", RECIPIENT.base58(), BigInteger.ONE, 0,
                BigInteger.ONE), signer);
        assertThat(adapter.hasExpired(signed)).isFalse();

        chain.mine(25); // 75 s: past the 60 s lifetime, not past it plus the 30 s margin
        assertThat(adapter.hasExpired(signed)).isFalse();
        assertThatThrownBy(() -> adapter.broadcast(signed)).isInstanceOf(TxRejectedException.class)
                .hasMessageContaining("TRANSACTION_EXPIRATION_ERROR");
        assertThat(adapter.isKnown(signed.hash())).isFalse();

        chain.mine(6); // 93 s
        assertThat(adapter.hasExpired(signed)).isTrue();
    }

    @Test
    void tronHasNoNoncesAndLimitsTokenFeesInSun() {
        assertThat(adapter.usesNonces()).isFalse();
        assertThat(adapter.pendingNonce(hot.base58())).isZero();
        assertThat(adapter.feePrice()).isEqualTo(BigInteger.ONE);
        assertThat(adapter.feeLimit("USDT")).isEqualTo(BigInteger.valueOf(FEE_LIMIT));
        assertThat(adapter.feeLimit("TRX")).isZero();
    }

    @Test
    void aNodeThatDoesNotAnswerIsChainUnavailable() {
        chain.node().answer("/wallet/getnowblock", 503, "{}");
        assertThatThrownBy(() -> adapter.headBlockNumber()).isInstanceOf(ChainUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        chain.node().answer("/wallet/getblockbynum", 200, "{\"Error\": \"class java.lang.NullPointerException\"}");
        assertThatThrownBy(() -> adapter.blockHash(0)).isInstanceOf(ChainUnavailableException.class);
    }

    @Test
    void aTokenContractThatIsNotATronAddressIsAConfigurationError() {
        config.getTokens().get("USDT").setContract("0xdAC17F958D2ee523a2206206994597C13D831ec7");
        assertThatThrownBy(() -> new TronChainAdapter("TRON", config, new TronGridClient(chain.url(), null, Duration.ofSeconds(5)),
                Clock.systemUTC())).isInstanceOf(IllegalStateException.class).hasMessageContaining("tokens.USDT.contract");
    }
}
