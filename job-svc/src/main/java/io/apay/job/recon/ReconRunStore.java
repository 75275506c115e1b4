package io.apay.job.recon;

import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.job.support.UtcColumns;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** recon_run and recon_discrepancy (apay_job). Times are stored as UTC DATETIME(3). */
@Component
public class ReconRunStore {

    /** Discrepancies kept per run; {@code discrepancy_count} counts them all. */
    public static final int KEEP = 1000;

    private static final String COLUMNS = "id, run_trigger, ok, discrepancy_count, window_from, window_to, started_at, finished_at,"
            + " ads_checked, acceptors_checked, orders_checked, holds_checked, deposits_checked, withdrawals_checked, products_checked, not_checked, error_message";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public ReconRunStore(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Stores a run (its id is ignored) with its first {@link #KEEP} discrepancies; answers it as stored. */
    public ReconRun save(ReconRun run, List<Discrepancy> found) {
        List<Discrepancy> kept = found.size() > KEEP ? found.subList(0, KEEP) : found;
        long id = tx.execute(s -> {
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.update(c -> {
                PreparedStatement ps = c.prepareStatement("INSERT INTO recon_run (run_trigger, ok, discrepancy_count, window_from,"
                        + " window_to, started_at, finished_at, ads_checked, acceptors_checked, orders_checked, holds_checked,"
                        + " deposits_checked, withdrawals_checked, products_checked, not_checked, error_message)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                ps.setString(1, run.trigger());
                ps.setBoolean(2, run.ok());
                ps.setLong(3, run.discrepancyCount());
                ps.setObject(4, UtcColumns.utc(run.windowFrom()));
                ps.setObject(5, UtcColumns.utc(run.windowTo()));
                ps.setObject(6, UtcColumns.utc(run.startedAt()));
                ps.setObject(7, UtcColumns.utc(run.finishedAt()));
                ps.setLong(8, run.adsChecked());
                ps.setLong(9, run.acceptorsChecked());
                ps.setLong(10, run.ordersChecked());
                ps.setLong(11, run.holdsChecked());
                ps.setLong(12, run.depositsChecked());
                ps.setLong(13, run.withdrawalsChecked());
                ps.setLong(14, run.productsChecked());
                ps.setString(15, run.notChecked() == null ? null : cut(run.notChecked(), 512));
                ps.setString(16, run.error());
                return ps;
            }, key);
            long runId = key.getKey().longValue();
            jdbc.batchUpdate("INSERT INTO recon_discrepancy (run_id, check_name, subject, detail) VALUES (?, ?, ?, ?)", kept, 200,
                    (ps, d) -> {
                        ps.setLong(1, runId);
                        ps.setString(2, d.check());
                        ps.setString(3, cut(d.subject(), 200));
                        ps.setString(4, cut(d.detail(), 1024));
                    });
            return runId;
        });
        return get(id).orElseThrow();
    }

    /** Newest first, without their discrepancies. */
    public PageResult<ReconRun> page(PageParam page) {
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM recon_run", Long.class);
        List<ReconRun> runs = jdbc.query("SELECT " + COLUMNS + " FROM recon_run ORDER BY id DESC LIMIT ? OFFSET ?",
                (rs, i) -> run(rs), page.size(), page.offset());
        return new PageResult<>(runs, total == null ? 0 : total);
    }

    /** A run with its stored discrepancies. */
    public Optional<ReconRun> get(long runId) {
        List<ReconRun> runs = jdbc.query("SELECT " + COLUMNS + " FROM recon_run WHERE id = ?", (rs, i) -> run(rs), runId);
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        List<Discrepancy> found = jdbc.query("SELECT check_name, subject, detail FROM recon_discrepancy WHERE run_id = ? ORDER BY id",
                (rs, i) -> new Discrepancy(rs.getString(1), rs.getString(2), rs.getString(3)), runId);
        return Optional.of(runs.get(0).withDiscrepancies(found));
    }

    private static ReconRun run(ResultSet rs) throws SQLException {
        return new ReconRun(rs.getLong("id"), rs.getString("run_trigger"), rs.getBoolean("ok"), rs.getLong("discrepancy_count"), null,
                UtcColumns.instant(rs, "window_from"), UtcColumns.instant(rs, "window_to"), UtcColumns.instant(rs, "started_at"), UtcColumns.instant(rs, "finished_at"),
                rs.getLong("ads_checked"), rs.getLong("acceptors_checked"), rs.getLong("orders_checked"), rs.getLong("holds_checked"),
                rs.getLong("deposits_checked"), rs.getLong("withdrawals_checked"), rs.getLong("products_checked"), rs.getString("not_checked"), rs.getString("error_message"));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
