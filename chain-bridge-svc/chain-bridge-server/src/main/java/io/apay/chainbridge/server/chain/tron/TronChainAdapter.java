package io.apay.chainbridge.server.chain.tron;

import io.apay.chainbridge.api.enums.ChainFamily;
import io.apay.chainbridge.server.chain.ChainAdapter;
import io.apay.chainbridge.server.chain.ChainBlock;
import io.apay.chainbridge.server.chain.ChainTransfer;
import io.apay.chainbridge.server.chain.ChainUnavailableException;
import io.apay.chainbridge.server.chain.ExtendedPublicKey;
import io.apay.chainbridge.server.chain.SignedTx;
import io.apay.chainbridge.server.chain.SigningReference;
import io.apay.chainbridge.server.chain.TransferOrder;
import io.apay.chainbridge.server.chain.TxReceipt;
import io.apay.chainbridge.server.chain.TxRejectedException;
import io.apay.chainbridge.server.config.ChainProperties;
import io.apay.chainbridge.server.signer.Signer;
import io.apay.chainbridge.server.tron.SignedTronTransaction;
import io.apay.chainbridge.server.tron.TronAddress;
import io.apay.chainbridge.server.tron.TronBlockActivity;
import io.apay.chainbridge.server.tron.TronBlockHeader;
import io.apay.chainbridge.server.tron.TronBlockReader;
import io.apay.chainbridge.server.tron.TronBlockRef;
import io.apay.chainbridge.server.tron.TronBroadcastResult;
import io.apay.chainbridge.server.tron.TronGridClient;
import io.apay.chainbridge.server.tron.TronNodeResponseException;
import io.apay.chainbridge.server.tron.TronNodeUnavailableException;
import io.apay.chainbridge.server.tron.TronTokenTransfer;
import io.apay.chainbridge.server.tron.TronTransaction;
import io.apay.chainbridge.server.tron.TronTrxTransfer;
import io.apay.chainbridge.server.tron.TronTxValidity;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The TRON family over a full node's HTTP API (TronGrid or java-tron): TRX and the configured TRC-20 tokens. Addresses
 * are Base58Check ({@code T...}), case-sensitive. There is no account nonce and no fee bidding: a transaction names a
 * recent reference block and is valid until its expiration ({@code tron.tx-lifetime} after that block); a TRC-20
 * transfer burns at most {@code tron.fee-limit} sun for energy. Signing goes through the {@link Signer} over the
 * transaction ID (the SHA-256 of its raw data), so no key is held here.
 */
public class TronChainAdapter implements ChainAdapter {

    private final String network;
    private final ChainProperties.Network config;
    private final TronGridClient client;
    private final TronBlockReader reader;
    private final Clock clock;
    /** Token coin by contract, in configuration order. */
    private final Map<TronAddress, String> coinByContract = new LinkedHashMap<>();

    public TronChainAdapter(String network, ChainProperties.Network config, TronGridClient client, Clock clock) {
        this.network = network;
        this.config = config;
        this.client = client;
        this.reader = new TronBlockReader(client);
        this.clock = clock;
        config.getTokens().forEach((coin, token) -> coinByContract.put(TronAddress.tryParse(token.getContract())
                .orElseThrow(() -> new IllegalStateException("apay.chain.networks." + network + ".tokens." + coin
                        + ".contract: " + token.getContract() + " is not a TRON address")), coin));
    }

    @Override
    public ChainFamily family() {
        return ChainFamily.TRON;
    }

    @Override
    public String deriveAddress(ExtendedPublicKey accountKey, String path) {
        return TronAddress.fromPublicKey(accountKey.derivePath(path).publicKey()).base58();
    }

    @Override
    public String addressOf(byte[] uncompressedPublicKey) {
        return TronAddress.fromPublicKey(uncompressedPublicKey).base58();
    }

    /** Base58Check ({@code T...}) or hex ({@code 41...}) in, Base58Check out; a wrong checksum or prefix is empty. */
    @Override
    public Optional<String> canonicalAddress(String address) {
        return TronAddress.tryParse(address).map(TronAddress::base58);
    }

    @Override
    public long headBlockNumber() {
        return node("getnowblock", () -> reader.headBlock().number());
    }

    @Override
    public Optional<String> blockHash(long number) {
        return node("getblockbynum " + number, () -> reader.block(number).map(TronBlockHeader::blockId));
    }

    /**
     * One read of the block and one of its results: the configured tokens' transfers (log index among the
     * transaction's logs) and TRX transfers (log index -1) whose recipient {@code watched} accepts, given its
     * Base58Check lowercased (the scanner's key; it compares the exact address itself).
     */
    @Override
    public ChainBlock block(long number, Predicate<String> watched) {
        TronBlockActivity activity = node("block " + number, () -> reader.activity(number, coinByContract.keySet()))
                .orElseThrow(() -> new ChainUnavailableException(network + ": block " + number + " is not there (any more)"));
        List<ChainTransfer> transfers = new ArrayList<>();
        for (TronTokenTransfer t : activity.tokenTransfers()) {
            if (watched.test(t.to().base58().toLowerCase(Locale.ROOT))) {
                transfers.add(new ChainTransfer(t.txHash(), t.logIndex(), coinByContract.get(t.token()), t.from().base58(),
                        t.to().base58(), t.amount()));
            }
        }
        for (TronTrxTransfer t : activity.trxTransfers()) {
            if (watched.test(t.to().base58().toLowerCase(Locale.ROOT))) {
                transfers.add(new ChainTransfer(t.txHash(), -1, config.getNativeCoin(), t.from().base58(), t.to().base58(),
                        BigInteger.valueOf(t.amountSun())));
            }
        }
        TronBlockHeader header = activity.block();
        return new ChainBlock(header.number(), header.blockId(), header.parentHash(), transfers);
    }

    /**
     * Built on the order's reference block (else the node's head block, read here), expiring {@code tron.tx-lifetime} after it; the nonce and fee
     * price of the order are not part of a TRON transaction. The signature is r ‖ s ‖ (recovery id + 27) and must
     * recover to the key's address, else nothing is returned.
     */
    @Override
    public SignedTx signTransfer(TransferOrder order, Signer signer) {
        TronAddress owner = TronAddress.fromPublicKey(signer.publicKey(order.keyId()));
        TronAddress to = TronAddress.parse(order.to());
        SigningReference reference = order.reference() != null ? order.reference() : signingReference();
        TronTxValidity validity = validity(reference);
        TronTransaction unsigned;
        if (order.coin().equals(config.getNativeCoin())) {
            unsigned = TronTransaction.trxTransfer(owner, to, order.units().longValueExact(), validity);
        } else {
            unsigned = TronTransaction.trc20Transfer(owner, contractOf(order.coin()), to, order.units(),
                    config.getTron().getFeeLimit(), validity);
        }
        Signer.Signature sig = signer.sign(order.keyId(), unsigned.txId());
        byte[] signature = new byte[65];
        System.arraycopy(sig.r(), 0, signature, 0, 32);
        System.arraycopy(sig.s(), 0, signature, 32, 32);
        signature[64] = (byte) (27 + sig.recoveryId());
        SignedTronTransaction signed = unsigned.withSignature(signature);
        return new SignedTx(signed.txIdHex(), signed.toProtobufHex());
    }

    /** The node's head block: a transaction refers to it and expires {@code tron.tx-lifetime} after its time. */
    @Override
    public SigningReference signingReference() {
        TronBlockHeader head = node("getnowblock", reader::headBlock);
        return new SigningReference(head.blockId(), head.timestampMillis());
    }

    private TronTxValidity validity(SigningReference reference) {
        long expiration = reference.timestampMillis() + config.getTron().getTxLifetime().toMillis();
        // the creation time is informational to the node; kept before the expiration even if our clock runs ahead
        long created = Math.min(clock.millis(), expiration - 1);
        return new TronTxValidity(TronBlockRef.fromBlockId(reference.blockId()), created,
                expiration);
    }

    /** Through {@code /wallet/broadcasthex}; "already known" (DUP_TRANSACTION_ERROR) is accepted. */
    @Override
    public void broadcast(SignedTx tx) {
        TronBroadcastResult result = node("broadcasthex", () -> client.broadcastHex(tx.hash(), tx.raw()));
        if (!result.inPool()) {
            throw new TxRejectedException(result.code() + " " + result.message());
        }
    }

    @Override
    public boolean isKnown(String txHash) {
        return node("gettransactionbyid", () -> client.knowsTransaction(txHash));
    }

    /** SUCCESS, or failed for REVERT, OUT_OF_ENERGY and the like (its fee was burnt, nothing moved). */
    @Override
    public Optional<TxReceipt> receipt(String txHash) {
        return node("gettransactioninfobyid", () -> client.transactionInfo(txHash)).map(r -> new TxReceipt(r.txId(),
                r.blockNumber(), blockHash(r.blockNumber()).orElse(null), r.success()));
    }

    /** TRON has no account nonce. */
    @Override
    public long pendingNonce(String address) {
        return 0;
    }

    @Override
    public boolean usesNonces() {
        return false;
    }

    /** Past its expiration plus {@code tron.expiry-margin}, by the head block's time (what a node checks against). */
    @Override
    public boolean hasExpired(SignedTx tx) {
        long expiration = SignedTronTransaction.expirationMillis(tx.raw());
        long head = node("getnowblock", () -> reader.headBlock().timestampMillis());
        return head > expiration + config.getTron().getExpiryMargin().toMillis();
    }

    @Override
    public BigInteger feePrice() {
        return BigInteger.ONE;
    }

    @Override
    public BigInteger balance(String coin, String address) {
        TronAddress holder = TronAddress.parse(address);
        if (coin.equals(config.getNativeCoin())) {
            return BigInteger.valueOf(node("getaccount", () -> client.trxBalance(holder)));
        }
        TronAddress contract = contractOf(coin);
        return node("balanceOf", () -> client.trc20Balance(contract, holder));
    }

    /** A token transfer: the configured energy fee limit in sun. A TRX transfer uses bandwidth only: zero. */
    @Override
    public BigInteger feeLimit(String coin) {
        return coin.equals(config.getNativeCoin()) ? BigInteger.ZERO : BigInteger.valueOf(config.getTron().getFeeLimit());
    }

    private TronAddress contractOf(String coin) {
        return coinByContract.entrySet().stream().filter(e -> e.getValue().equals(coin)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(coin + " is not a token of " + network));
    }

    /** The node's failures as the chain-neutral one: the jobs log it and try again on their next run. */
    private <T> T node(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (TronNodeUnavailableException e) {
            throw new ChainUnavailableException(network + ": " + what + ": " + e.detail(), e);
        } catch (TronNodeResponseException e) {
            throw new ChainUnavailableException(network + ": " + what + ": " + e.getMessage(), e);
        }
    }
}
