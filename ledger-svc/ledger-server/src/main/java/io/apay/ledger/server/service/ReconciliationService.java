package io.apay.ledger.server.service;

import com.baomidou.mybatisplus.core.toolkit.Wrappers;
import com.baomidou.mybatisplus.extension.plugins.pagination.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apay.common.core.json.ApayJackson;
import io.apay.common.core.result.PageParam;
import io.apay.common.core.result.PageResult;
import io.apay.common.web.oplog.OperationLog;
import io.apay.common.web.security.RequestIdentity;
import io.apay.ledger.api.dto.ReconciliationReport;
import io.apay.ledger.api.dto.ReconciliationReport.Difference;
import io.apay.ledger.server.dal.dataobject.ReconRunDO;
import io.apay.ledger.server.dal.mapper.ReconRunMapper;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks every invariant of the ledger over the whole journal, in one consistent snapshot (a REPEATABLE READ,
 * read-only transaction, so batches committing meanwhile cannot show up as false differences), and records the
 * run in {@code ledger_recon_run}:
 * <ul>
 *   <li>POSTINGS_SUM_PER_COIN: all postings of a coin sum to zero;</li>
 *   <li>TXN_SUM_PER_COIN: the postings of each transaction sum to zero per coin;</li>
 *   <li>TXN_HAS_POSTINGS: each transaction other than a VOID moved money (at least two postings);</li>
 *   <li>VOID_HAS_NO_POSTINGS: a VOID (a claimed idempotency key) moved nothing;</li>
 *   <li>BALANCE_EQUALS_POSTINGS: each balance equals the sum of its postings;</li>
 *   <li>BALANCE_AFTER_CHAIN: each account's latest posting's balance_after equals its balance;</li>
 *   <li>NO_FORBIDDEN_NEGATIVE: no balance below zero where the kind forbids it;</li>
 *   <li>HELD_EQUALS_OPEN_HOLDS: each FROZEN or MARGIN balance equals what its open holds still hold.</li>
 * </ul>
 */
@Service
public class ReconciliationService {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);
    /** Differences kept per check and in a run's record; the count covers them all. */
    private static final int KEEP = 100;

    private final JdbcTemplate jdbc;
    private final ReconRunMapper runMapper;
    private final TransactionTemplate snapshot;
    private final ObjectMapper json = ApayJackson.newMapper();

    public ReconciliationService(JdbcTemplate jdbc, ReconRunMapper runMapper, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.runMapper = runMapper;
        this.snapshot = new TransactionTemplate(txManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    private record Checked(long accounts, long postings, long holds, long differenceCount, List<Difference> differences) {
    }

    /** A run an operator started (admin API), named after them; {@code reason} is optional and goes to the op-log when given. */
    @OperationLog("ledger.reconciliation.run")
    public ReconciliationReport runByOperator(String reason) {
        return run(RequestIdentity.operatorId().map(id -> "operator:" + id).orElse("admin"));
    }

    public ReconciliationReport run(String trigger) {
        LocalDateTime started = now();
        Checked checked = snapshot.execute(status -> check());
        LocalDateTime finished = now();
        ReconRunDO run = new ReconRunDO();
        run.setRunTrigger(trigger);
        run.setOk(checked.differenceCount() == 0);
        run.setAccountsChecked(checked.accounts());
        run.setPostingsChecked(checked.postings());
        run.setHoldsChecked(checked.holds());
        run.setDifferenceCount(checked.differenceCount());
        run.setDifferences(toJson(checked.differences()));
        run.setStartedAt(started);
        run.setFinishedAt(finished);
        runMapper.insert(run);
        if (run.getOk()) {
            log.info("ledger reconciliation run {} ({}): ok, {} accounts, {} postings, {} holds", run.getId(), trigger,
                    checked.accounts(), checked.postings(), checked.holds());
        } else {
            log.error("ledger reconciliation run {} ({}): {} differences, first: {}", run.getId(), trigger,
                    checked.differenceCount(), checked.differences().get(0));
        }
        return report(run);
    }

    public PageResult<ReconciliationReport> runs(PageParam paging) {
        Page<ReconRunDO> page = runMapper.selectPage(new Page<>(paging.page(), paging.size()),
                Wrappers.<ReconRunDO>lambdaQuery().orderByDesc(ReconRunDO::getId));
        return new PageResult<>(page.getRecords().stream().map(this::report).toList(), page.getTotal());
    }

    private Checked check() {
        // a statement that touches every table first, so the snapshot is taken before any check reads
        long accounts = count("SELECT COUNT(*) FROM ledger_account");
        long postings = count("SELECT COUNT(*) FROM ledger_posting");
        long holds = count("SELECT COUNT(*) FROM ledger_hold");
        List<Difference> differences = new ArrayList<>();
        long total = 0;
        total += collect(differences, "POSTINGS_SUM_PER_COIN",
                "SELECT coin, 0, SUM(amount) FROM ledger_posting GROUP BY coin HAVING SUM(amount) <> 0");
        total += collect(differences, "TXN_SUM_PER_COIN",
                "SELECT CONCAT('txn ', txn_id, ' ', coin), 0, SUM(amount) FROM ledger_posting GROUP BY txn_id, coin HAVING SUM(amount) <> 0");
        // a VOID is the one transaction with no postings; anything else without both sides is damage
        total += collect(differences, "TXN_HAS_POSTINGS",
                "SELECT CONCAT('txn ', t.id, ' ', t.type), 2, COUNT(p.id) FROM ledger_txn t LEFT JOIN ledger_posting p ON p.txn_id = t.id"
                        + " WHERE t.type <> 'VOID' GROUP BY t.id, t.type HAVING COUNT(p.id) < 2");
        total += collect(differences, "VOID_HAS_NO_POSTINGS",
                "SELECT CONCAT('txn ', t.id), 0, COUNT(*) FROM ledger_txn t JOIN ledger_posting p ON p.txn_id = t.id"
                        + " WHERE t.type = 'VOID' GROUP BY t.id");
        total += collect(differences, "BALANCE_EQUALS_POSTINGS",
                "SELECT CONCAT('account ', a.id), COALESCE(p.total, 0), a.balance FROM ledger_account a"
                        + " LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM ledger_posting GROUP BY account_id) p ON p.account_id = a.id"
                        + " WHERE a.balance <> COALESCE(p.total, 0)");
        total += collect(differences, "BALANCE_AFTER_CHAIN",
                "SELECT CONCAT('account ', a.id), a.balance, p.balance_after FROM ledger_account a"
                        + " JOIN ledger_posting p ON p.id = (SELECT MAX(l.id) FROM ledger_posting l WHERE l.account_id = a.id)"
                        + " WHERE p.balance_after <> a.balance");
        total += collect(differences, "NO_FORBIDDEN_NEGATIVE",
                "SELECT CONCAT('account ', id), 0, balance FROM ledger_account WHERE allow_negative = 0 AND balance < 0");
        total += collect(differences, "HELD_EQUALS_OPEN_HOLDS",
                "SELECT CONCAT('account ', a.id), COALESCE(h.held, 0), a.balance FROM ledger_account a"
                        + " LEFT JOIN (SELECT held_account_id, SUM(remaining) AS held FROM ledger_hold WHERE status = 'OPEN'"
                        + " GROUP BY held_account_id) h ON h.held_account_id = a.id"
                        + " WHERE a.kind IN ('FROZEN', 'MARGIN') AND a.balance <> COALESCE(h.held, 0)");
        return new Checked(accounts, postings, holds, total, differences.size() > KEEP ? differences.subList(0, KEEP) : differences);
    }

    /** Runs one check; each row is {subject, expected, actual}. Returns how many rows it found. */
    private long collect(List<Difference> into, String check, String sql) {
        long[] found = {0};
        jdbc.query(sql, rs -> {
            found[0]++;
            if (into.size() < KEEP) {
                into.add(new Difference(check, rs.getString(1), plain(rs.getBigDecimal(2)), plain(rs.getBigDecimal(3))));
            }
        });
        return found[0];
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private ReconciliationReport report(ReconRunDO run) {
        return new ReconciliationReport(run.getId(), run.getRunTrigger(), run.getOk(), run.getStartedAt().toInstant(ZoneOffset.UTC),
                run.getFinishedAt().toInstant(ZoneOffset.UTC), run.getAccountsChecked(), run.getPostingsChecked(),
                run.getHoldsChecked(), run.getDifferenceCount(), fromJson(run.getDifferences()));
    }

    private String toJson(List<Difference> differences) {
        try {
            return json.writeValueAsString(differences);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Difference> fromJson(String text) {
        try {
            return json.readValue(text, new TypeReference<List<Difference>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
