package io.apay.chainbridge.server.service;

import io.apay.chainbridge.server.chain.SigningReference;
import io.apay.chainbridge.server.chain.TxReceipt;
import io.apay.chainbridge.server.config.ChainProperties;
import io.apay.chainbridge.server.dal.dataobject.ChainTxDO;
import io.apay.chainbridge.server.dal.dataobject.SweepDO;
import io.apay.chainbridge.server.dal.mapper.SweepMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves confirmed token deposits from deposit addresses to the hot wallet, one step per address at a time:
 * <ol>
 *   <li>an address whose token balance (read from the chain) reaches {@code sweep.min-amount} first gets a TOPUP from
 *       the hot wallet of exactly the sweep's gas (its gas limit at the current price), always: native coin the
 *       address holds is a user's credited deposit and never pays a sweep;</li>
 *   <li>once that top-up is DONE, a SWEEP sends its whole token balance to the hot wallet at the top-up's gas price
 *       (so it burns the top-up, nothing else), signed with the address's own key (a child of the signer's extended
 *       private key {@code deposit-key-id}; the database holds no key).</li>
 * </ol>
 * A step stays SENT until its transaction is mined (DONE, or FAILED if reverted); a failed sweep's deposits are swept
 * again. The scanner ignores the hot wallet's top-ups (they are not deposits).
 */
@Service
public class SweepService {

    private static final Logger log = LoggerFactory.getLogger(SweepService.class);
    public static final String TOPUP = "TOPUP";
    public static final String SWEEP = "SWEEP";

    private final Networks networks;
    private final SweepMapper sweeps;
    private final OutgoingTxs outgoing;
    private final HotWalletFunds funds;
    private final TransactionTemplate tx;
    private final Clock clock;

    public SweepService(Networks networks, SweepMapper sweeps, OutgoingTxs outgoing, HotWalletFunds funds, TransactionTemplate tx,
                        Clock clock) {
        this.networks = networks;
        this.sweeps = sweeps;
        this.outgoing = outgoing;
        this.funds = funds;
        this.tx = tx;
        this.clock = clock;
    }

    public void runOnce(String network) {
        Network net = networks.require(network);
        ChainProperties.Network config = net.config();
        if (!config.getSweep().isEnabled() || net.hotAddress() == null || config.getDepositKeyId() == null) {
            return;
        }
        for (SweepDO open : sweeps.allOpen(network)) {
            follow(net, open);
        }
        for (Map<String, Object> c : sweeps.candidates(network, config.getNativeCoin())) {
            String address = (String) c.get("address");
            if (sweeps.open(network, address) == null) {
                step(net, address, (String) c.get("coin"), ((Number) c.get("address_index")).intValue());
            }
        }
    }

    private void step(Network net, String address, String coin, int index) {
        BigDecimal min = net.config().getSweep().getMinAmount().get(coin);
        BigInteger tokens = net.adapter().balance(coin, address);
        if (min == null || tokens.signum() == 0 || net.toAmount(coin, tokens).compareTo(min) < 0) {
            return;
        }
        String nativeCoin = net.config().getNativeCoin();
        BigInteger gasLimit = net.adapter().feeLimit(coin);
        SweepDO last = sweeps.last(net.name(), address);
        boolean toppedUp = last != null && TOPUP.equals(last.getKind()) && "DONE".equals(last.getStatus());
        if (!toppedUp) {
            BigInteger feePrice = outgoing.initialFeePrice(net);
            BigInteger missing = gasLimit.multiply(feePrice); // exactly the sweep's gas: the sweep is sent at this price
            // its nonce comes before later withdrawals': a top-up the hot wallet cannot pay would hold them all up
            BigInteger needed = missing.add(net.adapter().feeLimit(nativeCoin).multiply(feePrice));
            BigInteger free = funds.free(net, nativeCoin, feePrice);
            if (free.compareTo(needed) < 0) {
                log.warn("{}: no gas top-up for {}: beside its unpaid transfers the hot wallet has {} {} base units free, it needs {}",
                        net.name(), address, free, nativeCoin, needed);
                return;
            }
            long pending = net.adapter().pendingNonce(net.hotAddress());
            SigningReference reference = net.adapter().signingReference();
            start(net, TOPUP, address, nativeCoin, missing, s -> outgoing.signAtNextNonce(net, net.config().getHotWallet().getKeyId(),
                    net.hotAddress(), nativeCoin, address, missing, feePrice, pending, reference, ChainTxDO.SWEEP, s.getId()));
        } else {
            // at the price its top-up paid for: the sweep burns the top-up and nothing the address held before
            BigInteger feePrice = net.toUnits(nativeCoin, last.getAmount()).divide(gasLimit);
            long pending = net.adapter().pendingNonce(address);
            SigningReference reference = net.adapter().signingReference();
            String keyId = net.config().getDepositKeyId() + "/0/" + index;
            start(net, SWEEP, address, coin, tokens, s -> {
                sweeps.markSwept(net.name(), address, coin, now());
                return outgoing.signAtNextNonce(net, keyId, address, coin, net.hotAddress(), tokens, feePrice, pending, reference,
                        ChainTxDO.SWEEP, s.getId());
            });
        }
    }

    private void start(Network net, String kind, String address, String coin, BigInteger units,
                       java.util.function.Function<SweepDO, OutgoingTxs.Stored> sign) {
        SweepDO started = tx.execute(s -> {
            SweepDO row = new SweepDO();
            row.setNetwork(net.name());
            row.setKind(kind);
            row.setAddress(address);
            row.setCoin(coin);
            row.setAmount(net.toAmount(coin, units));
            row.setStatus("SENT");
            row.setCreatedAt(now());
            row.setUpdatedAt(now());
            sweeps.insert(row);
            OutgoingTxs.Stored stored = sign.apply(row);
            sweeps.setTx(row.getId(), stored.tx().hash(), now());
            return row;
        });
        List<ChainTxDO> txs = outgoing.of(ChainTxDO.SWEEP, started.getId());
        boolean sent = outgoing.send(net, txs.get(txs.size() - 1));
        log.info("{}: sweep step {} {} of {} {} for {} (sent: {})", net.name(), started.getId(), kind, started.getAmount(), coin, address, sent);
    }

    /**
     * An open step: done when mined (FAILED if reverted); re-sent if the node lost it. A top-up uses one of the hot
     * wallet's nonces, so like a withdrawal it is fee-replaced once it is the lowest unmined nonce and has waited
     * {@code replace-after}: else every later withdrawal waits behind it. One whose nonce another transaction took in a
     * final block can never be mined: FAILED (nothing moved; the address gets a new top-up).
     */
    private void follow(Network net, SweepDO open) {
        List<ChainTxDO> txs = outgoing.of(ChainTxDO.SWEEP, open.getId());
        Optional<TxReceipt> mined = outgoing.mined(net, txs);
        if (mined.isEmpty()) {
            ChainTxDO latest = txs.get(txs.size() - 1);
            if (TOPUP.equals(open.getKind()) && net.adapter().usesNonces()
                    && Duration.between(latest.getCreatedAt(), now()).compareTo(net.config().getGas().getReplaceAfter()) >= 0) {
                long head = net.adapter().headBlockNumber();
                long next = net.adapter().nonceAt(net.hotAddress(), head);
                if (next == latest.getNonce()) {
                    replaceTopUp(net, open, latest);
                    return;
                }
                long finalBlock = head - net.confirmations() + 1;
                if (next > latest.getNonce() && finalBlock >= 0 && net.adapter().nonceAt(net.hotAddress(), finalBlock) > latest.getNonce()) {
                    sweeps.end(open.getId(), "FAILED", now());
                    log.error("{}: top-up {} for {}: its nonce {} was taken by another transaction; ended FAILED", net.name(),
                            open.getId(), open.getAddress(), latest.getNonce());
                    return;
                }
            }
            if (!net.adapter().isKnown(latest.getTxHash())) {
                outgoing.send(net, latest);
            }
            return;
        }
        boolean ok = mined.get().success();
        tx.executeWithoutResult(s -> {
            if (sweeps.end(open.getId(), ok ? "DONE" : "FAILED", now()) == 1 && !ok && SWEEP.equals(open.getKind())) {
                sweeps.unmarkSwept(net.name(), open.getAddress(), open.getCoin(), now());
            }
        });
        if (!ok) {
            log.error("{}: sweep step {} {} reverted (tx {})", net.name(), open.getId(), open.getKind(), mined.get().txHash());
        }
    }

    /** The same top-up at its nonce and a higher fee; at the cap it is re-sent as it is. */
    private void replaceTopUp(Network net, SweepDO open, ChainTxDO latest) {
        Optional<BigInteger> price = outgoing.replacementFeePrice(net, latest.getFeePrice().toBigIntegerExact());
        if (price.isEmpty()) {
            outgoing.send(net, latest);
            return;
        }
        String nativeCoin = net.config().getNativeCoin();
        BigInteger units = net.toUnits(nativeCoin, open.getAmount());
        SigningReference reference = net.adapter().signingReference();
        ChainTxDO replacement = tx.execute(s -> {
            OutgoingTxs.Stored stored = outgoing.signAndStore(net, net.config().getHotWallet().getKeyId(), nativeCoin, open.getAddress(),
                    units, latest.getNonce(), price.get(), reference, ChainTxDO.SWEEP, open.getId());
            if (sweeps.replaceTx(open.getId(), latest.getTxHash(), stored.tx().hash(), now()) != 1) {
                s.setRollbackOnly(); // another pass replaced it first
                return null;
            }
            List<ChainTxDO> all = outgoing.of(ChainTxDO.SWEEP, open.getId());
            return all.get(all.size() - 1);
        });
        if (replacement != null) {
            boolean sent = outgoing.send(net, replacement);
            log.info("{}: top-up {} for {} not mined after {}: replaced by tx {} at gas price {} (sent: {})", net.name(), open.getId(),
                    open.getAddress(), net.config().getGas().getReplaceAfter(), replacement.getTxHash(), price.get(), sent);
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
