package io.apay.chainbridge.server.service;

import io.apay.chainbridge.server.chain.TxReceipt;
import io.apay.chainbridge.server.config.ChainProperties;
import io.apay.chainbridge.server.dal.dataobject.ChainTxDO;
import io.apay.chainbridge.server.dal.dataobject.SweepDO;
import io.apay.chainbridge.server.dal.mapper.SweepMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
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
 *   <li>an address whose token balance (read from the chain) reaches {@code sweep.min-amount} but whose native coin
 *       cannot pay the transfer's gas first gets a TOPUP from the hot wallet (up to twice the gas at the current price);</li>
 *   <li>once it can pay, a SWEEP sends its whole token balance to the hot wallet, signed with the address's own key (a
 *       child of the signer's extended private key {@code deposit-key-id}; the database holds no key).</li>
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
    private final TransactionTemplate tx;
    private final Clock clock;

    public SweepService(Networks networks, SweepMapper sweeps, OutgoingTxs outgoing, TransactionTemplate tx, Clock clock) {
        this.networks = networks;
        this.sweeps = sweeps;
        this.outgoing = outgoing;
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
        BigInteger feePrice = outgoing.initialFeePrice(net);
        BigInteger gasCost = net.adapter().feeLimit(coin).multiply(feePrice);
        BigInteger gasHeld = net.adapter().balance(nativeCoin, address);
        if (gasHeld.compareTo(gasCost) < 0) {
            // twice the cost at today's price: the price may rise before the sweep is sent
            BigInteger missing = gasCost.shiftLeft(1).subtract(gasHeld);
            long pending = net.adapter().pendingNonce(net.hotAddress());
            start(net, TOPUP, address, nativeCoin, missing, s -> outgoing.signAtNextNonce(net, net.config().getHotWallet().getKeyId(),
                    net.hotAddress(), nativeCoin, address, missing, feePrice, pending, ChainTxDO.SWEEP, s.getId()));
        } else {
            long pending = net.adapter().pendingNonce(address);
            String keyId = net.config().getDepositKeyId() + "/0/" + index;
            start(net, SWEEP, address, coin, tokens, s -> {
                sweeps.markSwept(net.name(), address, coin, now());
                return outgoing.signAtNextNonce(net, keyId, address, coin, net.hotAddress(), tokens, feePrice, pending,
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

    /** An open step: done when mined (FAILED if reverted); re-sent if the node lost it. */
    private void follow(Network net, SweepDO open) {
        List<ChainTxDO> txs = outgoing.of(ChainTxDO.SWEEP, open.getId());
        Optional<TxReceipt> mined = outgoing.mined(net, txs);
        if (mined.isEmpty()) {
            ChainTxDO latest = txs.get(txs.size() - 1);
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

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
