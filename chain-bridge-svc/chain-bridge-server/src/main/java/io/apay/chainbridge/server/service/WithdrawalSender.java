package io.apay.chainbridge.server.service;

import io.apay.chainbridge.api.enums.ChainWithdrawalStatus;
import io.apay.chainbridge.api.event.ChainEvents;
import io.apay.chainbridge.server.chain.ChainUnavailableException;
import io.apay.chainbridge.server.chain.SignedTx;
import io.apay.chainbridge.server.chain.SigningReference;
import io.apay.chainbridge.server.chain.TxReceipt;
import io.apay.chainbridge.server.dal.dataobject.ChainTxDO;
import io.apay.chainbridge.server.dal.dataobject.WithdrawalDO;
import io.apay.chainbridge.server.dal.mapper.WithdrawalMapper;
import io.apay.common.mq.OutboxPublisher;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends QUEUED withdrawals and follows them to the end:
 * <ol>
 *   <li>QUEUED without a nonce: the hot wallet's next nonce is assigned, the transfer signed and stored, all in one
 *       transaction (a withdrawal has one nonce at a time: a new one only once another transaction has taken the old
 *       one in a final block, so it can never be paid twice);</li>
 *   <li>QUEUED with its stored transaction: sent; once the node has it -> BROADCAST (a crash before that re-sends the
 *       same bytes). Refused by the node until it can no longer land (TRON: expired; EVM: refused for replace-after):
 *       re-signed;</li>
 *   <li>BROADCAST: the receipt of any of its transactions (first send or a fee replacement) decides, once it has the
 *       network's confirmations: success -> CONFIRMED, reverted -> FAILED "reverted", with WITHDRAWAL_FINISHED in the
 *       outbox in the same transaction. Not mined after {@code replace-after}: re-signed at the same nonce with a
 *       higher gas price (bump percent, capped) and sent; whichever is mined counts. Dropped by the node: re-sent.</li>
 * </ol>
 * A family without nonces (TRON, {@link io.apay.chainbridge.server.chain.ChainAdapter#usesNonces()} false) takes the
 * same steps with two differences: the "nonce" is the hot wallet's own sequence number in {@code sender_nonce} (it
 * still marks the withdrawal as signed, once), and a transaction is never replaced while it could land: only once it
 * has expired unmined and the node does not know it is a new one signed, on a fresh reference block.
 */
@Service
public class WithdrawalSender {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalSender.class);
    private static final int BATCH = 100;
    public static final String REVERTED = "reverted";

    private final Networks networks;
    private final WithdrawalMapper withdrawals;
    private final OutgoingTxs outgoing;
    private final HotWalletFunds funds;
    private final OutboxPublisher outbox;
    private final TransactionTemplate tx;
    private final Clock clock;

    public WithdrawalSender(Networks networks, WithdrawalMapper withdrawals, OutgoingTxs outgoing, HotWalletFunds funds,
                            OutboxPublisher outbox, TransactionTemplate tx, Clock clock) {
        this.networks = networks;
        this.withdrawals = withdrawals;
        this.outgoing = outgoing;
        this.funds = funds;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** One pass over a network's open withdrawals. */
    public void runOnce(String network) {
        Network net = networks.require(network);
        if (net.hotAddress() == null) {
            return;
        }
        for (WithdrawalDO w : withdrawals.inStatus(network, ChainWithdrawalStatus.QUEUED.name(), BATCH)) {
            oneWithdrawal(net, w, () -> sendQueued(net, w));
        }
        List<WithdrawalDO> open = withdrawals.inStatus(network, ChainWithdrawalStatus.BROADCAST.name(), BATCH);
        if (!open.isEmpty()) {
            long head = net.adapter().headBlockNumber();
            for (WithdrawalDO w : open) {
                oneWithdrawal(net, w, () -> track(net, w, head));
            }
        }
    }

    /**
     * One withdrawal's step: a failure of its own (a coin no longer configured, an amount the coin cannot hold) is
     * logged and the others go on; a node that does not answer ends the pass (the next one tries again).
     */
    private void oneWithdrawal(Network net, WithdrawalDO w, Runnable step) {
        try {
            step.run();
        } catch (ChainUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("{}: withdrawal {} ({} {}) could not be processed; the others go on", net.name(), w.getWithdrawalId(),
                    w.getAmount(), w.getCoin(), e);
        }
    }

    private void sendQueued(Network net, WithdrawalDO w) {
        boolean signedNow = w.getNonce() == null;
        if (signedNow) {
            BigInteger units = net.toUnits(w.getCoin(), w.getAmount());
            BigInteger feePrice = outgoing.initialFeePrice(net);
            if (!hotWalletCovers(net, w, units, feePrice)) {
                return; // no nonce, no fee spent: it waits for the hot wallet to be topped up (the hot/cold check alerts)
            }
            long pending = net.adapter().pendingNonce(net.hotAddress());
            SigningReference reference = net.adapter().signingReference(); // read before the nonce row is locked
            Boolean assigned = tx.execute(s -> {
                OutgoingTxs.Stored stored = outgoing.signAtNextNonce(net, net.config().getHotWallet().getKeyId(), net.hotAddress(),
                        w.getCoin(), w.getToAddress(), units, feePrice, pending, reference, ChainTxDO.WITHDRAWAL, w.getId());
                if (withdrawals.assignNonce(w.getId(), net.hotAddress(), stored.nonce(), new java.math.BigDecimal(feePrice),
                        stored.tx().hash(), now()) != 1) {
                    s.setRollbackOnly(); // another pass assigned it first
                    return false;
                }
                return true;
            });
            if (!Boolean.TRUE.equals(assigned)) {
                return;
            }
        }
        List<ChainTxDO> attempts = outgoing.of(ChainTxDO.WITHDRAWAL, w.getId());
        ChainTxDO latest = attempts.get(attempts.size() - 1);
        if (outgoing.send(net, latest)) {
            if (withdrawals.broadcast(w.getId(), now()) == 1) {
                log.info("{}: withdrawal {} sent: tx {} nonce {}", net.name(), w.getWithdrawalId(), latest.getTxHash(), latest.getNonce());
            }
            return;
        }
        if (!signedNow) { // refused as soon as signed: the next pass (with the row as stored) decides what to do
            resignRefused(net, w, attempts, latest);
        }
    }

    /**
     * Whether the hot wallet can pay this withdrawal beside what it has signed and not yet paid ({@link HotWalletFunds}).
     * The native coin pays its own gas; on EVM a token withdrawal's gas must be there too (TRON: energy may be staked,
     * the fee limit is only a cap).
     */
    private boolean hotWalletCovers(Network net, WithdrawalDO w, BigInteger units, BigInteger feePrice) {
        String nativeCoin = net.config().getNativeCoin();
        BigInteger gas = net.adapter().feeLimit(w.getCoin()).multiply(feePrice);
        boolean isNative = net.isNative(w.getCoin());
        BigInteger needed = isNative ? units.add(gas) : units;
        BigInteger free = funds.free(net, w.getCoin(), feePrice);
        if (free.compareTo(needed) < 0) {
            log.warn("{}: withdrawal {} waits: beside its unpaid transfers the hot wallet has {} {} base units free, it needs {}",
                    net.name(), w.getWithdrawalId(), free, w.getCoin(), needed);
            return false;
        }
        if (!isNative && net.adapter().usesNonces()) {
            BigInteger freeNative = funds.free(net, nativeCoin, feePrice);
            if (freeNative.compareTo(gas) < 0) {
                log.warn("{}: withdrawal {} waits: beside its unpaid transfers the hot wallet has {} {} base units free for gas,"
                        + " it needs {}", net.name(), w.getWithdrawalId(), freeNative, nativeCoin, gas);
                return false;
            }
        }
        return true;
    }

    /**
     * The node refused the stored transaction and does not know it. The same bytes may be refused forever (TRON: it
     * expired; EVM: its nonce was taken by another transaction, or its fee is below what the node takes), so once the
     * last transaction can no longer land a new one is signed: TRON once it has expired; EVM once it has been refused
     * for {@code replace-after}: at a new nonce if its own was used by another transaction in a final block (then none
     * of its transactions can ever be mined), else at its nonce with a higher fee. Until then the same bytes are re-sent.
     */
    private void resignRefused(Network net, WithdrawalDO w, List<ChainTxDO> attempts, ChainTxDO latest) {
        if (outgoing.mined(net, attempts).isPresent()) {
            withdrawals.broadcast(w.getId(), now()); // an earlier one of its transactions is in a block: tracked from here
            return;
        }
        if (!net.adapter().usesNonces()) {
            if (net.adapter().hasExpired(new SignedTx(latest.getTxHash(), latest.getRawTx()))) {
                resign(net, w, latest, false, latest.getFeePrice().toBigIntegerExact(), "refused and expired");
            }
            return;
        }
        if (Duration.between(w.getLastSentAt(), now()).compareTo(net.config().getGas().getReplaceAfter()) < 0) {
            return;
        }
        long head = net.adapter().headBlockNumber();
        if (net.adapter().nonceAt(net.hotAddress(), head) > w.getNonce()) {
            resignIfNonceTakenForGood(net, w, latest, head);
            return;
        }
        Optional<BigInteger> price = outgoing.replacementFeePrice(net, latest.getFeePrice().toBigIntegerExact());
        if (price.isEmpty()) {
            log.warn("{}: withdrawal {} is refused by the node and its gas price {} is at the cap; it waits", net.name(),
                    w.getWithdrawalId(), latest.getFeePrice());
            return;
        }
        resign(net, w, latest, false, price.get(), "refused for " + net.config().getGas().getReplaceAfter());
    }

    private void track(Network net, WithdrawalDO w, long head) {
        List<ChainTxDO> attempts = outgoing.of(ChainTxDO.WITHDRAWAL, w.getId());
        Optional<TxReceipt> mined = outgoing.mined(net, attempts);
        if (mined.isPresent()) {
            TxReceipt r = mined.get();
            int confirmations = (int) Math.max(0, head - r.blockNumber() + 1);
            if (confirmations >= net.confirmations()) {
                finish(w, r, confirmations);
            } else {
                withdrawals.progress(w.getId(), r.txHash(), r.blockNumber(), confirmations, now());
            }
            return;
        }
        ChainTxDO latest = attempts.get(attempts.size() - 1);
        if (w.getBlockNumber() != null) {
            withdrawals.progress(w.getId(), latest.getTxHash(), null, 0, now()); // its block was reorged away
        }
        if (!net.adapter().usesNonces()) {
            reissueOnceExpired(net, w, latest);
            return;
        }
        Duration waited = Duration.between(w.getLastSentAt(), now());
        if (waited.compareTo(net.config().getGas().getReplaceAfter()) >= 0) {
            long next = net.adapter().nonceAt(net.hotAddress(), head);
            if (next == w.getNonce()) {
                replace(net, w, latest);
                return;
            }
            if (next > w.getNonce()) {
                resignIfNonceTakenForGood(net, w, latest, head);
                return;
            }
            // a lower nonce is still unmined: this one waits for it whatever its fee, so it is not bumped
        }
        if (!net.adapter().isKnown(latest.getTxHash())) {
            outgoing.send(net, latest); // the node dropped it (restart, mempool eviction): the same bytes again
        }
    }

    private void replace(Network net, WithdrawalDO w, ChainTxDO latest) {
        Optional<BigInteger> price = outgoing.replacementFeePrice(net, latest.getFeePrice().toBigIntegerExact());
        if (price.isEmpty()) {
            log.warn("{}: withdrawal {} is not mined and its gas price {} is at the cap; it waits", net.name(), w.getWithdrawalId(),
                    latest.getFeePrice());
            outgoing.send(net, latest);
            return;
        }
        resign(net, w, latest, false, price.get(), "not mined after " + net.config().getGas().getReplaceAfter());
    }

    /**
     * Without nonces (TRON) nothing stops two transactions of one withdrawal from both landing, so a new one is signed
     * only when the last can no longer land: not known to the node (neither pooled nor in a block) and expired by the
     * node's head block time plus the margin. Its predecessors expired before it was signed. Until then a dropped
     * transaction is sent again as it is.
     */
    private void reissueOnceExpired(Network net, WithdrawalDO w, ChainTxDO latest) {
        if (net.adapter().isKnown(latest.getTxHash())) {
            return; // pooled, or in a block whose receipt the node has not indexed yet
        }
        if (!net.adapter().hasExpired(new SignedTx(latest.getTxHash(), latest.getRawTx()))) {
            outgoing.send(net, latest); // the node dropped it (restart, pool eviction) or never took it: the same bytes again
            return;
        }
        resign(net, w, latest, false, latest.getFeePrice().toBigIntegerExact(), "expired unmined");
    }

    /**
     * Its nonce is used in the chain and none of its transactions was mined: another transaction (the hot wallet's key
     * used elsewhere) took it. Once that is in a final block none of its own can ever be mined: it is signed again at
     * the hot wallet's next nonce. Until then (a reorg may still undo it) it waits.
     */
    private void resignIfNonceTakenForGood(Network net, WithdrawalDO w, ChainTxDO latest, long head) {
        long finalBlock = head - net.confirmations() + 1;
        if (finalBlock >= 0 && net.adapter().nonceAt(net.hotAddress(), finalBlock) > w.getNonce()) {
            resign(net, w, latest, true, outgoing.initialFeePrice(net), "its nonce taken by another transaction");
        }
    }

    /**
     * Signs a new transaction of the withdrawal after {@code latest} (at its nonce, or at the hot wallet's next one),
     * stores it as the latest and sends it. The row is updated only if {@code latest} is still its transaction: of two
     * overlapping passes only one re-signs (the other rolls back, nothing of it stored or sent). TRON: the nonce is the
     * withdrawal's own sequence number, not a chain field; the new transaction has a fresh reference block.
     */
    private void resign(Network net, WithdrawalDO w, ChainTxDO latest, boolean newNonce, BigInteger feePrice, String why) {
        BigInteger units = net.toUnits(w.getCoin(), w.getAmount());
        String keyId = net.config().getHotWallet().getKeyId();
        long pending = newNonce ? net.adapter().pendingNonce(net.hotAddress()) : 0;
        SigningReference reference = net.adapter().signingReference(); // TRON: a fresh reference block, read before the transaction
        ChainTxDO signed = tx.execute(s -> {
            OutgoingTxs.Stored stored = newNonce
                    ? outgoing.signAtNextNonce(net, keyId, net.hotAddress(), w.getCoin(), w.getToAddress(), units, feePrice, pending,
                            reference, ChainTxDO.WITHDRAWAL, w.getId())
                    : outgoing.signAndStore(net, keyId, w.getCoin(), w.getToAddress(), units, w.getNonce(), feePrice, reference,
                            ChainTxDO.WITHDRAWAL, w.getId());
            if (withdrawals.replaced(w.getId(), w.getStatus(), latest.getTxHash(), stored.nonce(), new java.math.BigDecimal(feePrice),
                    stored.tx().hash(), now()) != 1) {
                s.setRollbackOnly(); // another pass re-signed it first: its transaction is the live one
                return null;
            }
            List<ChainTxDO> all = outgoing.of(ChainTxDO.WITHDRAWAL, w.getId());
            return all.get(all.size() - 1);
        });
        if (signed == null) {
            return;
        }
        boolean sent = outgoing.send(net, signed);
        if (sent && ChainWithdrawalStatus.QUEUED.name().equals(w.getStatus())) {
            withdrawals.broadcast(w.getId(), now());
        }
        log.info("{}: withdrawal {}: tx {} {}: re-signed as tx {} (nonce {}, fee price {}, sent: {})", net.name(), w.getWithdrawalId(),
                latest.getTxHash(), why, signed.getTxHash(), signed.getNonce(), feePrice, sent);
    }

    private void finish(WithdrawalDO w, TxReceipt r, int confirmations) {
        ChainWithdrawalStatus to = r.success() ? ChainWithdrawalStatus.CONFIRMED : ChainWithdrawalStatus.FAILED;
        tx.executeWithoutResult(s -> {
            if (withdrawals.finish(w.getId(), to.name(), r.txHash(), r.blockNumber(), confirmations, r.success() ? null : REVERTED, now()) == 1) {
                outbox.publish(ChainEvents.WITHDRAWAL_FINISHED, Views.withdrawal(withdrawals.selectById(w.getId())));
                log.info("withdrawal {} {}: tx {} in block {}", w.getWithdrawalId(), to, r.txHash(), r.blockNumber());
            }
        });
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
