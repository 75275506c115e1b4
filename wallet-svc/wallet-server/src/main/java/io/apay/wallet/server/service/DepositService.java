package io.apay.wallet.server.service;

import com.baomidou.mybatisplus.core.conditions.query.LambdaQueryWrapper;
import io.apay.chainbridge.api.ChainBridgeApi;
import io.apay.chainbridge.api.dto.ChainDepositView;
import io.apay.chainbridge.api.dto.DepositAddressRequest;
import io.apay.chainbridge.api.enums.ChainDepositStatus;
import io.apay.common.rpc.RemoteOutcome;
import io.apay.ledger.api.LedgerApi;
import io.apay.ledger.api.dto.AccountRef;
import io.apay.ledger.api.dto.OwnerRef;
import io.apay.ledger.api.dto.TransactionView;
import io.apay.ledger.api.dto.TransferLeg;
import io.apay.ledger.api.dto.TransferRequest;
import io.apay.ledger.api.enums.AccountKind;
import io.apay.wallet.server.config.WalletProperties;
import io.apay.wallet.server.controller.app.vo.DepositAddressView;
import io.apay.wallet.server.controller.app.vo.DepositView;
import io.apay.wallet.server.dal.dataobject.DepositAddressDO;
import io.apay.wallet.server.dal.dataobject.DepositDO;
import io.apay.wallet.server.dal.mapper.CursorMapper;
import io.apay.wallet.server.dal.mapper.DepositAddressMapper;
import io.apay.wallet.server.dal.mapper.DepositMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Deposits: the owner's address per network (chain-bridge-svc derives it; cached here), the owner's deposit
 * history, and crediting each confirmed deposit exactly once. Crediting is the pattern (docs/development.md): the
 * deposit is stored CREDITING (unique on network, tx hash, log index) and committed, then the ledger moves the
 * amount from the platform's DEPOSIT_CLEARING to the owner's AVAILABLE under the deposit's own key
 * ({@link ChainDepositView#depositKey()}), then CREDITED. It is never ended the other way: a deposit that came in
 * must be credited, so a refusal is logged and retried by the recovery until an operator fixes its cause.
 *
 * <p>The amount credited is the chain's amount at the coin's scale ({@code apay.wallet.coins.<COIN>.scale}, which must
 * be the ledger's scale of the coin), rounded down: an 18-decimal token carries more decimals than the ledger takes,
 * and the dust below the scale stays on chain (both amounts are recorded). A deposit nothing of which can be credited,
 * a coin the wallet does not support (e.g. a native coin sent to a deposit address) or less than one unit of the
 * coin's scale (dust spam), ends IGNORED with its reason: the ledger would refuse it for ever.
 */
@Service
public class DepositService {

    private static final Logger log = LoggerFactory.getLogger(DepositService.class);
    static final String CONFIRMED_CURSOR = "chain.confirmed-deposits";

    private final DepositAddressMapper depositAddresses;
    private final DepositMapper deposits;
    private final CursorMapper cursors;
    private final ChainBridgeApi chain;
    private final LedgerApi ledger;
    private final WalletProperties props;
    private final Clock clock;

    public DepositService(DepositAddressMapper depositAddresses, DepositMapper deposits, CursorMapper cursors, ChainBridgeApi chain,
                          LedgerApi ledger, WalletProperties props, Clock clock) {
        this.depositAddresses = depositAddresses;
        this.deposits = deposits;
        this.cursors = cursors;
        this.chain = chain;
        this.ledger = ledger;
        this.props = props;
        this.clock = clock;
    }

    public DepositAddressView address(String ownerRef, String network) {
        DepositAddressDO cached = cachedAddress(ownerRef, network);
        if (cached == null) {
            String address = Remote.check("deposit address on " + network, () ->
                    chain.depositAddress(new DepositAddressRequest(network, ownerRef)).checkedData()).address();
            DepositAddressDO row = new DepositAddressDO();
            row.setOwnerRef(ownerRef);
            row.setNetwork(network);
            row.setAddress(address);
            row.setCreatedAt(now());
            try {
                depositAddresses.insert(row);
                cached = row;
            } catch (DuplicateKeyException e) {
                cached = cachedAddress(ownerRef, network); // the same call from another request stored it first
            }
        }
        return new DepositAddressView(network, cached.getAddress());
    }

    public List<DepositView> history(String ownerRef, int limit) {
        List<ChainDepositView> seen = Remote.check("deposits of " + ownerRef, () -> chain.depositsOfOwner(ownerRef, limit).checkedData());
        Set<String> credited = seen.isEmpty() ? Set.of() : deposits.selectList(new LambdaQueryWrapper<DepositDO>()
                        .eq(DepositDO::getOwnerRef, ownerRef).eq(DepositDO::getStatus, "CREDITED")
                        .in(DepositDO::getTxHash, seen.stream().map(ChainDepositView::txHash).distinct().toList()))
                .stream().map(d -> d.getNetwork() + "|" + d.getTxHash() + "|" + d.getLogIndex()).collect(Collectors.toSet());
        return seen.stream().map(d -> new DepositView(d.network(), d.coin(), d.txHash(), d.logIndex(), d.address(), d.amount(),
                d.confirmations(), d.requiredConfirmations(), d.status(),
                credited.contains(d.network() + "|" + d.txHash() + "|" + d.logIndex()), d.seenAt(), d.confirmedAt())).toList();
    }

    /**
     * The durable intent of a confirmed deposit (in the caller's transaction, with the event's de-duplication mark);
     * answers its id, or null when it is not a confirmed deposit. A second report of the same deposit finds the row.
     */
    public Long record(ChainDepositView v) {
        if (v.status() != ChainDepositStatus.CONFIRMED) {
            return null;
        }
        DepositDO d = new DepositDO();
        d.setChainDepositId(v.id());
        d.setNetwork(v.network());
        d.setCoin(v.coin());
        d.setTxHash(v.txHash());
        d.setLogIndex(v.logIndex());
        d.setAddress(v.address());
        d.setOwnerRef(v.ownerRef());
        d.setChainAmount(v.amount());
        String ignored = ignoredReason(v.coin(), v.amount());
        d.setAmount(ignored == null ? creditAmount(v.coin(), v.amount()) : BigDecimal.ZERO);
        d.setStatus(ignored == null ? "CREDITING" : "IGNORED");
        d.setIgnoredReason(ignored);
        d.setCreatedAt(now());
        d.setUpdatedAt(now());
        try {
            deposits.insert(d);
            return d.getId();
        } catch (DuplicateKeyException e) {
            DepositDO existing = deposits.selectOne(new LambdaQueryWrapper<DepositDO>().eq(DepositDO::getNetwork, v.network())
                    .eq(DepositDO::getTxHash, v.txHash()).eq(DepositDO::getLogIndex, v.logIndex()));
            return existing == null ? null : existing.getId();
        }
    }

    /** Credits a CREDITING deposit: DEPOSIT_CLEARING to the owner's AVAILABLE, under the deposit key; CREDITED. */
    public void credit(long id) {
        DepositDO d = deposits.selectById(id);
        if (d == null || !"CREDITING".equals(d.getStatus())) {
            return;
        }
        String ignored = ignoredReason(d.getCoin(), d.getChainAmount());
        if (ignored != null) { // recorded before deposits were judged so, or the coin's support was removed since
            deposits.ignored(id, ignored, now());
            log.warn("deposit {} ({} {}): not credited, {}", id, d.getChainAmount().toPlainString(), d.getCoin(), ignored);
            return;
        }
        BigDecimal amount = creditAmount(d.getCoin(), d.getChainAmount());
        if (amount.compareTo(d.getAmount()) != 0) {
            deposits.creditAmount(id, amount); // recorded unscaled before deposits were scaled
        }
        deposits.markAttempt(id, now());
        String key = "deposit:" + d.getNetwork() + ":" + d.getTxHash() + ":" + d.getLogIndex(); // = ChainDepositView.depositKey()
        OwnerRef owner = OwnerRefs.toLedger(d.getOwnerRef());
        RemoteOutcome<TransactionView> moved = RemoteOutcome.of(() -> ledger.transfer(new TransferRequest(key, "deposit:" + id,
                "deposit " + d.getTxHash(), List.of(new TransferLeg(AccountRef.platform(d.getCoin(), AccountKind.DEPOSIT_CLEARING),
                AccountRef.of(owner.ownerType(), owner.ownerId(), d.getCoin(), AccountKind.AVAILABLE), amount)), null, null)).checkedData());
        if (moved instanceof RemoteOutcome.Done<TransactionView> done) {
            deposits.credited(id, done.value().txnId(), now());
        } else if (moved instanceof RemoteOutcome.Refused<TransactionView> refused) {
            deposits.refused(id, "LEDGER_" + refused.error().code());
            log.error("deposit {} ({}): the ledger refused to credit it ({}); it stays CREDITING for an operator",
                    id, key, refused.error().code());
        } else {
            log.warn("deposit {}: crediting had an unknown outcome; the recovery job finishes it", id);
        }
    }

    /** Why nothing of this deposit can be credited, or null: it is credited at the coin's scale. */
    private String ignoredReason(String coin, BigDecimal chainAmount) {
        if (!props.getCoins().containsKey(coin)) {
            return "coin not supported by the wallet";
        }
        return creditAmount(coin, chainAmount).signum() > 0 ? null
                : "below the coin's scale of " + props.getCoins().get(coin).getScale() + " decimals";
    }

    /** The chain's amount at the coin's scale, rounded down (the ledger takes no more decimals; the dust stays on chain). */
    private BigDecimal creditAmount(String coin, BigDecimal chainAmount) {
        return chainAmount.setScale(props.getCoins().get(coin).getScale(), RoundingMode.DOWN);
    }

    /**
     * Reads chain-bridge-svc's confirmed deposits after the stored cursor and credits each (a deposit whose event was
     * lost). The cursor is a confirmSeq, the order deposits confirmed in (never the chain's id: ids are given when a
     * deposit is seen, so one confirming after a higher id was read would be behind an id cursor for good). It moves
     * past a page only once its deposits are stored, so none is skipped. Answers how many were read.
     */
    public int catchUp(int pages) {
        int read = 0;
        for (int i = 0; i < pages; i++) {
            Long position = cursors.position(CONFIRMED_CURSOR);
            long after = position == null ? 0 : position;
            RemoteOutcome<List<ChainDepositView>> page = RemoteOutcome.of(() ->
                    chain.confirmedDeposits(after, props.getDepositPageSize()).checkedData());
            if (!(page instanceof RemoteOutcome.Done<List<ChainDepositView>> done)) {
                log.warn("confirmed deposits after {} could not be read; the next run retries", after);
                return read;
            }
            long last = after;
            for (ChainDepositView v : done.value()) {
                Long id = record(v);
                if (id != null) {
                    credit(id);
                }
                last = Math.max(last, confirmCursor(v));
            }
            read += done.value().size();
            if (last > after) {
                cursors.advance(CONFIRMED_CURSOR, last, now());
            }
            if (done.value().size() < props.getDepositPageSize()) {
                return read;
            }
        }
        return read;
    }

    /**
     * Where the cursor stands after this deposit: its confirmSeq. A chain-bridge-svc older than confirmSeq answers none
     * and pages by id, so there the id is the position; its migration made every earlier confirmed deposit's seq its id,
     * so a cursor kept that way stays right (deploy wallet-svc first, then chain-bridge-svc).
     */
    private static long confirmCursor(ChainDepositView v) {
        return v.confirmSeq() != null ? v.confirmSeq() : v.id();
    }

    private DepositAddressDO cachedAddress(String ownerRef, String network) {
        return depositAddresses.selectOne(new LambdaQueryWrapper<DepositAddressDO>().eq(DepositAddressDO::getOwnerRef, ownerRef)
                .eq(DepositAddressDO::getNetwork, network));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }
}
