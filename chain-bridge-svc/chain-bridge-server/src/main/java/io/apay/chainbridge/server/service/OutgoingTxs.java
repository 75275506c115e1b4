package io.apay.chainbridge.server.service;

import io.apay.chainbridge.server.chain.ChainUnavailableException;
import io.apay.chainbridge.server.chain.SignedTx;
import io.apay.chainbridge.server.chain.SigningReference;
import io.apay.chainbridge.server.chain.TransferOrder;
import io.apay.chainbridge.server.chain.TxReceipt;
import io.apay.chainbridge.server.chain.TxRejectedException;
import io.apay.chainbridge.server.config.ChainProperties;
import io.apay.chainbridge.server.dal.dataobject.ChainTxDO;
import io.apay.chainbridge.server.dal.mapper.ChainTxMapper;
import io.apay.chainbridge.server.signer.Signer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Signing, storing and sending transactions from our own addresses (the hot wallet, deposit addresses when swept).
 * Each sending address's nonces are handed out from {@code sender_nonce} under its row lock, never below the node's
 * pending nonce; a signed transaction is stored before it is sent, so a re-send after a crash sends the same bytes (a
 * node takes a known transaction once). A replacement reuses the nonce at a higher fee: only one of them can be mined.
 * On a family without nonces (TRON) the same numbers are the address's own sequence, never sent to the chain (the
 * adapter's pending nonce is 0); what keeps two transactions of one withdrawal from both landing is the sender's
 * rule to sign a new one only after the last has expired.
 */
@Service
public class OutgoingTxs {

    private static final Logger log = LoggerFactory.getLogger(OutgoingTxs.class);

    private final ChainTxMapper txs;
    private final Signer signer;
    private final Clock clock;

    public OutgoingTxs(ChainTxMapper txs, Signer signer, Clock clock) {
        this.txs = txs;
        this.signer = signer;
        this.clock = clock;
    }

    /** Signed and stored transaction with its nonce. */
    public record Stored(SignedTx tx, long nonce, BigInteger feePrice) {
    }

    /** Must run in the caller's transaction: takes the next nonce of {@code from}, signs and stores. */
    public Stored signAtNextNonce(Network net, String keyId, String from, String coin, String to, BigInteger units,
                                  BigInteger feePrice, long nodePendingNonce, SigningReference reference, String ownerKind,
                                  long ownerId) {
        txs.ensureNonce(net.name(), from);
        long next = txs.lockNextNonce(net.name(), from);
        // the node knows better if something else sent from this address; our own never-mined ones keep their nonces
        long nonce = Math.max(next, nodePendingNonce);
        Stored stored = signAndStore(net, keyId, coin, to, units, nonce, feePrice, reference, ownerKind, ownerId);
        txs.setNextNonce(net.name(), from, nonce + 1);
        return stored;
    }

    /**
     * Signs and stores the same transfer at the same nonce (a fee replacement); in the caller's transaction.
     * {@code reference}: {@link io.apay.chainbridge.server.chain.ChainAdapter#signingReference()}, read by the caller
     * before its transaction (signing then makes no remote call while rows are locked).
     */
    public Stored signAndStore(Network net, String keyId, String coin, String to, BigInteger units, long nonce, BigInteger feePrice,
                               SigningReference reference, String ownerKind, long ownerId) {
        SignedTx signed = net.adapter().signTransfer(new TransferOrder(keyId, coin, to, units, nonce, feePrice, reference), signer);
        ChainTxDO row = new ChainTxDO();
        row.setOwnerKind(ownerKind);
        row.setOwnerId(ownerId);
        row.setNetwork(net.name());
        row.setTxHash(signed.hash());
        row.setNonce(nonce);
        row.setFeePrice(new BigDecimal(feePrice));
        row.setRawTx(signed.raw());
        row.setCreatedAt(LocalDateTime.now(clock));
        txs.insert(row);
        return new Stored(signed, nonce, feePrice);
    }

    /** Sends a stored transaction; answers whether the node has it now (a refusal of a known one is harmless). */
    public boolean send(Network net, ChainTxDO tx) {
        SignedTx signed = new SignedTx(tx.getTxHash(), tx.getRawTx());
        try {
            net.adapter().broadcast(signed);
            return true;
        } catch (TxRejectedException refused) {
            boolean known = net.adapter().isKnown(tx.getTxHash());
            if (!known) {
                log.warn("{}: the node refused tx {} (nonce {}): {}", net.name(), tx.getTxHash(), tx.getNonce(), refused.getMessage());
            }
            return known;
        }
    }

    public List<ChainTxDO> of(String ownerKind, long ownerId) {
        return txs.of(ownerKind, ownerId);
    }

    /** The receipt of whichever of these transactions (same nonce) was mined, if one was. */
    public Optional<TxReceipt> mined(Network net, List<ChainTxDO> attempts) {
        for (ChainTxDO t : attempts) {
            Optional<TxReceipt> r = net.adapter().receipt(t.getTxHash());
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** The fee price of a first send: the node's suggestion, capped. */
    public BigInteger initialFeePrice(Network net) {
        return net.adapter().feePrice().min(net.config().getGas().getMaxGasPrice());
    }

    /**
     * The fee price of a replacement: the last one raised by the bump percent (rounded up), at least the node's current
     * suggestion, at most the cap; empty if the cap leaves no room to raise it.
     */
    public Optional<BigInteger> replacementFeePrice(Network net, BigInteger last) {
        ChainProperties.Gas gas = net.config().getGas();
        BigInteger bumped = last.multiply(BigInteger.valueOf(100L + gas.getBumpPercent())).add(BigInteger.valueOf(99))
                .divide(BigInteger.valueOf(100));
        BigInteger price;
        try {
            price = bumped.max(net.adapter().feePrice()).min(gas.getMaxGasPrice());
        } catch (ChainUnavailableException e) {
            price = bumped.min(gas.getMaxGasPrice());
        }
        return price.compareTo(last) > 0 ? Optional.of(price) : Optional.empty();
    }
}
