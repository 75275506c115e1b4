package io.apay.chainbridge.server.service;

import io.apay.chainbridge.api.event.ChainEvents;
import io.apay.chainbridge.server.chain.ChainAdapter;
import io.apay.chainbridge.server.chain.ChainBlock;
import io.apay.chainbridge.server.chain.ChainTransfer;
import io.apay.chainbridge.server.config.ChainProperties;
import io.apay.chainbridge.server.dal.dataobject.DepositAddressDO;
import io.apay.chainbridge.server.dal.dataobject.DepositDO;
import io.apay.chainbridge.server.dal.mapper.DepositAddressMapper;
import io.apay.chainbridge.server.dal.mapper.DepositMapper;
import io.apay.chainbridge.server.dal.mapper.ScanCursorMapper;
import io.apay.common.mq.OutboxPublisher;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds deposits: walks each network's blocks from its persisted cursor up to the head. Each block is one
 * transaction: its transfers to deposit addresses (insert-if-absent on network + tx hash + log index), its hash, the
 * cursor moved onto it (only if the cursor is still where this scan found it: a second replica changes nothing), and
 * the deposits that thereby reach their confirmations move SEEN -> CONFIRMED, stamped with their confirm_seq (see
 * {@link #nextConfirmSeq()}), with their DEPOSIT_CONFIRMED event in the outbox. So a crash at any point repeats at
 * most the block it was in, with no double effect.
 * <p>
 * Reorgs: a block whose parent hash is not the cursor's hash (or a cursor block that is no longer canonical) means the
 * chain changed under us: walk back through the stored hashes to the last block the node still has, mark the SEEN
 * deposits above it ORPHANED, move the cursor back and scan the new branch. Confirmations count up to the scanned
 * height (never the unscanned head), so only a block we have linked to the chain can confirm anything.
 */
@Service
public class DepositScanner {

    private static final Logger log = LoggerFactory.getLogger(DepositScanner.class);

    private final Networks networks;
    private final ScanCursorMapper cursors;
    private final DepositMapper deposits;
    private final DepositAddressMapper addresses;
    private final OutboxPublisher outbox;
    private final TransactionTemplate tx;
    private final ScanStatus status;
    private final ChainProperties props;
    private final Clock clock;
    private final Map<String, WatchList> watchLists = new ConcurrentHashMap<>();

    public DepositScanner(Networks networks, ScanCursorMapper cursors, DepositMapper deposits, DepositAddressMapper addresses,
                          OutboxPublisher outbox, TransactionTemplate tx, ScanStatus status, ChainProperties props, Clock clock) {
        this.networks = networks;
        this.cursors = cursors;
        this.deposits = deposits;
        this.addresses = addresses;
        this.outbox = outbox;
        this.tx = tx;
        this.status = status;
        this.props = props;
        this.clock = clock;
    }

    record Cursor(long number, String hash) {
    }

    /** One pass over a network: up to the batch size of blocks. Answers how many blocks it recorded. */
    public int scanOnce(String network) {
        Network net = networks.require(network);
        if (net.xpub() == null) {
            return 0; // no deposit addresses on this network: nothing to watch
        }
        ChainAdapter chain = net.adapter();
        long head = chain.headBlockNumber();
        Cursor cursor = cursor(net, head);
        status.update(network, head, cursor.number());
        // with new blocks, the next one's parent hash shows a reorg below (checked in the loop); caught up (or the
        // chain went back below the cursor), only the cursor block's own hash can
        if (head <= cursor.number() && cursor.hash() != null && !chain.blockHash(cursor.number()).equals(Optional.of(cursor.hash()))) {
            rewind(net, cursor); // the block we stopped at is gone
            return 0;
        }
        WatchList watch = watchList(network);
        long to = Math.min(head, cursor.number() + props.getJobs().getScanBatchSize());
        int recorded = 0;
        for (long n = cursor.number() + 1; n <= to; n++) {
            ChainBlock block = chain.block(n, watch::contains);
            if (cursor.hash() != null && !block.parentHash().equals(cursor.hash())) {
                rewind(net, cursor);
                return recorded;
            }
            Cursor from = cursor;
            cursor = tx.execute(s -> record(net, from, block, watch));
            recorded++;
        }
        status.update(network, head, cursor.number());
        return recorded;
    }

    private Cursor cursor(Network net, long head) {
        Map<String, Object> row = cursors.find(net.name());
        if (row == null) {
            Long start = net.config().getStartBlock();
            long number = start == null ? head : start - 1;
            String hash = number < 0 ? null : net.adapter().blockHash(number).orElseThrow();
            cursors.create(net.name(), number, hash, now());
            if (hash != null) {
                cursors.recordBlock(net.name(), number, hash); // a reorg of the very first block is found too
            }
            row = cursors.find(net.name());
        }
        return toCursor(row);
    }

    private Cursor record(Network net, Cursor expected, ChainBlock block, WatchList watch) {
        Cursor locked = toCursor(cursors.lock(net.name()));
        if (!locked.equals(expected)) {
            throw new IllegalStateException(net.name() + ": the cursor moved during the scan (another replica?): " + locked);
        }
        LocalDateTime now = now();
        for (ChainTransfer t : block.transfers()) {
            if (net.hotAddress() != null && net.hotAddress().equalsIgnoreCase(t.from())) {
                continue; // our own hot wallet paying a deposit address (gas for a sweep) is not a deposit
            }
            DepositAddressDO owner = watch.get(t.to());
            if (!owner.getAddress().equals(t.to())) {
                continue; // only the case differs: TRON's Base58 addresses are case-sensitive, this is another address
            }
            DepositDO d = new DepositDO();
            d.setNetwork(net.name());
            d.setCoin(t.coin());
            d.setTxHash(t.txHash());
            d.setLogIndex(t.logIndex());
            d.setAddress(owner.getAddress());
            d.setOwnerRef(owner.getOwnerRef());
            d.setFromAddress(t.from());
            d.setAmount(net.toAmount(t.coin(), t.units()));
            d.setBlockNumber(block.number());
            d.setBlockHash(block.hash());
            d.setConfirmations(1);
            d.setRequiredConfirmations(net.confirmations());
            d.setSeenAt(now);
            if (t.logIndex() >= 0) {
                DepositDO same = deposits.sameTransferFromAnotherBlock(net.name(), t.txHash(), d.getAddress(), d.getCoin(), d.getAmount(),
                        t.logIndex(), block.hash());
                if (same != null) {
                    // two transfers alike in one transaction are in one block; from another block it is this one again
                    log.warn("{}: deposit {} ({} log {}) is back in block {} at log {} after a reorg: the same deposit, not a new one",
                            net.name(), same.getId(), t.txHash(), same.getLogIndex(), block.number(), t.logIndex());
                    continue;
                }
            }
            if (deposits.insertIgnore(d) == 0) {
                deposits.revive(net.name(), t.txHash(), t.logIndex(), block.number(), block.hash(), now);
            }
        }
        cursors.recordBlock(net.name(), block.number(), block.hash());
        cursors.forgetBelow(net.name(), block.number() - props.getJobs().getReorgDepth());
        cursors.move(net.name(), block.number(), block.hash(), now);
        deposits.countConfirmations(net.name(), block.number(), now);
        for (DepositDO ready : deposits.lockReadyToConfirm(net.name(), block.number())) {
            int confirmations = (int) (block.number() - ready.getBlockNumber() + 1);
            if (deposits.confirm(ready.getId(), confirmations, nextConfirmSeq(), now) == 1) {
                outbox.publish(ChainEvents.DEPOSIT_CONFIRMED, Views.deposit(deposits.selectById(ready.getId())));
                log.info("deposit {} confirmed: {} {} to {} ({})", ready.getId(), ready.getAmount(), ready.getCoin(),
                        ready.getOwnerRef(), ready.getTxHash());
            }
        }
        return new Cursor(block.number(), block.hash());
    }

    /**
     * The confirmation order of a deposit confirming in this transaction. Readers page the confirmed deposits by it
     * (wallet-svc's recovery keeps a cursor), so a seq must never become visible after a higher one: an id (or an
     * AUTO_INCREMENT) is taken at once and may commit after a higher one, and a cursor already past it would skip it.
     * The counter is one row, incremented here and read back; its row lock is held until this block's transaction
     * commits, so a second confirming transaction (another network, another replica) waits on the increment until
     * this one has committed, and seqs commit in order. A rolled-back one leaves a gap, which paging does not mind.
     * The lock is taken late in the block's transaction (after its inserts and the cursor move), only when something
     * confirms.
     */
    private long nextConfirmSeq() {
        if (deposits.nextConfirmSeq() != 1) {
            throw new IllegalStateException("deposit_confirm_counter has no row (migration V3 not applied?)");
        }
        return deposits.lastConfirmSeq();
    }

    /** Walks back to the last scanned block the node still has (the fork point) and orphans what was above it. */
    private void rewind(Network net, Cursor cursor) {
        long floor = Math.max(-1, cursor.number() - props.getJobs().getReorgDepth());
        long fork = -1;
        String forkHash = null;
        for (long k = cursor.number(); k > floor; k--) {
            String scanned = cursors.scannedHash(net.name(), k);
            if (scanned == null) {
                break;
            }
            if (net.adapter().blockHash(k).equals(Optional.of(scanned))) {
                fork = k;
                forkHash = scanned;
                break;
            }
        }
        if (forkHash == null && fork < 0 && cursor.number() - props.getJobs().getReorgDepth() > 0) {
            throw new IllegalStateException(net.name() + ": a reorg deeper than " + props.getJobs().getReorgDepth()
                    + " blocks below " + cursor + ": an operator must look");
        }
        long forkNumber = fork;
        String forkBlockHash = forkHash;
        tx.executeWithoutResult(s -> {
            Cursor locked = toCursor(cursors.lock(net.name()));
            if (!locked.equals(cursor)) {
                return; // another replica handled it
            }
            LocalDateTime now = now();
            for (DepositDO lost : deposits.confirmedAbove(net.name(), forkNumber)) {
                log.error("{}: reorg below a CONFIRMED deposit {} ({}): it was final at {} confirmations; an operator must check it",
                        net.name(), lost.getId(), lost.getTxHash(), lost.getRequiredConfirmations());
            }
            int orphaned = deposits.orphanAbove(net.name(), forkNumber, now);
            cursors.forgetAbove(net.name(), forkNumber);
            cursors.move(net.name(), forkNumber, forkBlockHash, now);
            log.warn("{}: reorg: blocks {}..{} replaced; back to {}; {} unconfirmed deposit(s) orphaned", net.name(),
                    forkNumber + 1, cursor.number(), forkNumber, orphaned);
        });
    }

    private WatchList watchList(String network) {
        WatchList watch = watchLists.computeIfAbsent(network, n -> new WatchList());
        // addresses of a network are inserted under its counter's lock, so their ids commit in order: none is skipped
        List<DepositAddressDO> added = addresses.addedAfter(network, watch.lastId);
        for (DepositAddressDO a : added) {
            watch.byAddress.put(a.getAddress().toLowerCase(Locale.ROOT), a);
            watch.lastId = Math.max(watch.lastId, a.getId());
        }
        return watch;
    }

    private static Cursor toCursor(Map<String, Object> row) {
        Object number = row.get("block_number");
        return new Cursor(((Number) number).longValue(), (String) row.get("block_hash"));
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    /** The deposit addresses the scanner looks for, by lowercase address. */
    static final class WatchList {
        private final Map<String, DepositAddressDO> byAddress = new ConcurrentHashMap<>();
        private volatile long lastId;

        boolean contains(String lowercaseAddress) {
            return byAddress.containsKey(lowercaseAddress);
        }

        DepositAddressDO get(String address) {
            return Objects.requireNonNull(byAddress.get(address.toLowerCase(Locale.ROOT)));
        }
    }
}
