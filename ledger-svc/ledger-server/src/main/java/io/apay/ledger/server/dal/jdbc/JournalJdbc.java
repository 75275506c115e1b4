package io.apay.ledger.server.dal.jdbc;

import io.apay.ledger.api.enums.HoldPurpose;
import io.apay.ledger.api.enums.HoldStatus;
import io.apay.ledger.api.enums.TxnType;
import io.apay.ledger.server.service.engine.Rows;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The statements of the ledger's batch writer, on one writer's own connection. Plain JDBC rather than MyBatis
 * because each statement carries a whole batch: a batch of hundreds of commands costs four round trips (keys,
 * locks, all writes in one multi-statement, commit). Locks are always taken in the same order (reversed
 * transactions, then holds, then accounts, each by ascending id), so two batches can never wait on each other
 * in a circle.
 */
public class JournalJdbc {

    /** Rows per multi-row statement; keeps each statement well under max_allowed_packet. */
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;

    public JournalJdbc(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** key -> {txn id, request hash} of keys already in the journal. */
    public Map<String, Object[]> findKeys(Collection<String> keys) {
        Map<String, Object[]> found = new HashMap<>();
        for (List<String> chunk : chunks(new ArrayList<>(keys))) {
            jdbc.query("SELECT idempotency_key, id, request_hash FROM ledger_txn WHERE idempotency_key IN (" + marks(chunk.size()) + ")",
                    rs -> {
                        found.put(rs.getString(1), new Object[] {rs.getLong(2), rs.getString(3)});
                    }, chunk.toArray());
        }
        return found;
    }

    /** Locks the transactions to be reversed and reads them with their postings. */
    public Map<Long, Rows.Target> lockTargets(Collection<Long> txnIds) {
        if (txnIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = sorted(txnIds);
        Map<Long, Object[]> heads = new LinkedHashMap<>();
        jdbc.query("SELECT id, type, reversed_by_txn_id FROM ledger_txn WHERE id IN (" + marks(ids.size()) + ") ORDER BY id FOR UPDATE",
                rs -> {
                    long reversedBy = rs.getLong(3);
                    Long reversed = rs.wasNull() ? null : reversedBy;
                    heads.put(rs.getLong(1), new Object[] {TxnType.valueOf(rs.getString(2)), reversed});
                }, ids.toArray());
        Map<Long, List<Rows.Movement>> postings = new HashMap<>();
        if (!heads.isEmpty()) {
            jdbc.query("SELECT txn_id, account_id, amount FROM ledger_posting WHERE txn_id IN (" + marks(heads.size()) + ") ORDER BY id",
                    rs -> {
                        postings.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Rows.Movement(rs.getLong(2), rs.getBigDecimal(3)));
                    }, heads.keySet().toArray());
        }
        Map<Long, Rows.Target> targets = new HashMap<>();
        heads.forEach((id, h) -> targets.put(id, new Rows.Target(id, (TxnType) h[0], (Long) h[1],
                postings.getOrDefault(id, List.of()))));
        return targets;
    }

    public Map<Long, Rows.Hold> lockHolds(Collection<Long> holdIds) {
        if (holdIds.isEmpty()) {
            return Map.of();
        }
        List<Long> ids = sorted(holdIds);
        Map<Long, Rows.Hold> holds = new HashMap<>();
        jdbc.query("SELECT id, purpose, status, source_account_id, held_account_id, coin, amount, remaining, settled, released,"
                        + " created_txn_id, biz_ref, version, created_at, updated_at FROM ledger_hold WHERE id IN (" + marks(ids.size())
                        + ") ORDER BY id FOR UPDATE",
                rs -> {
                    holds.put(rs.getLong(1), new Rows.Hold(rs.getLong(1), HoldPurpose.valueOf(rs.getString(2)),
                            HoldStatus.valueOf(rs.getString(3)), rs.getLong(4), rs.getLong(5), rs.getString(6),
                            rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                            rs.getLong(11), rs.getString(12), rs.getLong(13),
                            rs.getTimestamp(14).toLocalDateTime(), rs.getTimestamp(15).toLocalDateTime()));
                }, ids.toArray());
        return holds;
    }

    /** Locks the accounts (ascending id) and answers their balances. */
    public Map<Long, BigDecimal> lockAccounts(Collection<Long> accountIds) {
        Map<Long, BigDecimal> balances = new HashMap<>();
        for (List<Long> chunk : chunks(sorted(accountIds))) {
            jdbc.query("SELECT id, balance FROM ledger_account WHERE id IN (" + marks(chunk.size()) + ") ORDER BY id FOR UPDATE",
                    rs -> {
                        balances.put(rs.getLong(1), rs.getBigDecimal(2));
                    }, chunk.toArray());
        }
        return balances;
    }

    /** One statement of a batch's writes and how many rows it must match (-1: no check). */
    private record Write(String sql, List<Object> args, int mustMatch) {
    }

    /**
     * Writes everything a batch decided in ONE round trip (a multi-statement, {@code allowMultiQueries}): journal
     * rows, new holds, postings, then balances and holds by compare-and-set (each must match the row read under
     * lock) and the reversed marks. Answers false if any compare-and-set did not match; the caller then rolls back.
     */
    public boolean write(List<Rows.Txn> txns, List<Rows.Hold> newHolds, List<Rows.Posting> postings,
                         Map<Long, BigDecimal[]> balances, List<Rows.Hold> changedHolds, Map<Long, Long> reversals,
                         LocalDateTime now) {
        Timestamp at = Timestamp.valueOf(now);
        List<Write> writes = new ArrayList<>();
        for (List<Rows.Txn> chunk : chunks(txns)) {
            List<Object> args = new ArrayList<>(chunk.size() * 9);
            for (Rows.Txn t : chunk) {
                Collections.addAll(args, t.id(), t.idempotencyKey(), t.requestHash(), t.type().name(), t.bizRef(), t.memo(),
                        t.holdId(), t.reversesTxnId(), Timestamp.valueOf(t.createdAt()));
            }
            writes.add(new Write("INSERT INTO ledger_txn (id, idempotency_key, request_hash, type, biz_ref, memo, hold_id, reverses_txn_id, created_at) VALUES "
                    + rows(chunk.size(), 9), args, -1));
        }
        for (List<Rows.Hold> chunk : chunks(newHolds)) {
            List<Object> args = new ArrayList<>(chunk.size() * 15);
            for (Rows.Hold h : chunk) {
                Collections.addAll(args, h.id(), h.purpose().name(), h.status().name(), h.sourceAccountId(), h.heldAccountId(),
                        h.coin(), h.amount(), h.remaining(), h.settled(), h.released(), h.createdTxnId(), h.bizRef(), h.version(),
                        Timestamp.valueOf(h.createdAt()), Timestamp.valueOf(h.updatedAt()));
            }
            writes.add(new Write("INSERT INTO ledger_hold (id, purpose, status, source_account_id, held_account_id, coin, amount, remaining,"
                    + " settled, released, created_txn_id, biz_ref, version, created_at, updated_at) VALUES " + rows(chunk.size(), 15), args, -1));
        }
        for (List<Rows.Posting> chunk : chunks(postings)) {
            List<Object> args = new ArrayList<>(chunk.size() * 6);
            for (Rows.Posting p : chunk) {
                Collections.addAll(args, p.txnId(), p.accountId(), p.coin(), p.amount(), p.balanceAfter(), Timestamp.valueOf(p.createdAt()));
            }
            writes.add(new Write("INSERT INTO ledger_posting (txn_id, account_id, coin, amount, balance_after, created_at) VALUES "
                    + rows(chunk.size(), 6), args, -1));
        }
        // each balance only if the row still has the value read under lock: always true while the lock is ours,
        // so a mismatch is a bug and the batch fails rather than lose an update
        for (List<Map.Entry<Long, BigDecimal[]>> chunk : chunks(new ArrayList<>(balances.entrySet()))) {
            List<Object> args = new ArrayList<>(chunk.size() * 3 + 1);
            StringBuilder values = new StringBuilder();
            for (Map.Entry<Long, BigDecimal[]> e : chunk) {
                values.append(values.isEmpty() ? "SELECT ? AS id, ? AS old_balance, ? AS new_balance" : " UNION ALL SELECT ?, ?, ?");
                Collections.addAll(args, e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
            args.add(at);
            writes.add(new Write("UPDATE ledger_account a JOIN (" + values + ") v ON a.id = v.id"
                    + " SET a.balance = v.new_balance, a.version = a.version + 1, a.updated_at = ? WHERE a.balance = v.old_balance",
                    args, chunk.size()));
        }
        // each hold only if still OPEN at the version read under lock
        for (List<Rows.Hold> chunk : chunks(changedHolds)) {
            List<Object> args = new ArrayList<>(chunk.size() * 6 + 1);
            StringBuilder values = new StringBuilder();
            for (Rows.Hold h : chunk) {
                values.append(values.isEmpty()
                        ? "SELECT ? AS id, ? AS version, ? AS status, ? AS remaining, ? AS settled, ? AS released"
                        : " UNION ALL SELECT ?, ?, ?, ?, ?, ?");
                Collections.addAll(args, h.id(), h.version(), h.status().name(), h.remaining(), h.settled(), h.released());
            }
            args.add(at);
            writes.add(new Write("UPDATE ledger_hold h JOIN (" + values + ") v ON h.id = v.id"
                    + " SET h.status = v.status, h.remaining = v.remaining, h.settled = v.settled, h.released = v.released,"
                    + " h.version = h.version + 1, h.updated_at = ? WHERE h.status = 'OPEN' AND h.version = v.version", args, chunk.size()));
        }
        reversals.forEach((target, reversal) -> writes.add(new Write(
                "UPDATE ledger_txn SET reversed_by_txn_id = ? WHERE id = ? AND reversed_by_txn_id IS NULL",
                List.of(reversal, target), 1)));
        if (writes.isEmpty()) {
            return true;
        }
        String sql = String.join(";\n", writes.stream().map(Write::sql).toList());
        Boolean matched = jdbc.execute((ConnectionCallback<Boolean>) c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int index = 1;
                for (Write w : writes) {
                    for (Object arg : w.args()) {
                        // bound directly: Spring would ask the driver for parameter metadata on a null, which makes
                        // MariaDB's driver prepare the statement on the server (a wasted, and here failing, round trip)
                        if (arg == null) {
                            ps.setNull(index++, Types.NULL);
                        } else {
                            ps.setObject(index++, arg);
                        }
                    }
                }
                ps.execute();
                boolean all = true;
                for (Write w : writes) {
                    int count = ps.getUpdateCount();
                    if (w.mustMatch() >= 0 && count != w.mustMatch()) {
                        all = false;
                    }
                    ps.getMoreResults();
                }
                return all;
            }
        });
        return Boolean.TRUE.equals(matched);
    }

    private static List<Long> sorted(Collection<Long> ids) {
        List<Long> list = new ArrayList<>(ids);
        Collections.sort(list);
        return list;
    }

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }

    private static String marks(int n) {
        return "?" + ",?".repeat(n - 1);
    }

    private static String rows(int n, int columns) {
        String row = "(" + marks(columns) + ")";
        StringBuilder sb = new StringBuilder(n * (row.length() + 1));
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append(row);
        }
        return sb.toString();
    }
}
