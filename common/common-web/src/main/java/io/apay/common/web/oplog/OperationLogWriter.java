package io.apay.common.web.oplog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes op-log rows in their own transaction, so a failed (rolled back) operation is still recorded and a
 * successful one is recorded even if the caller's transaction is still open.
 */
public class OperationLogWriter {

    private static final Logger log = LoggerFactory.getLogger(OperationLogWriter.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate requiresNew;

    public OperationLogWriter(JdbcTemplate jdbc, PlatformTransactionManager txManager) {
        this.jdbc = jdbc;
        this.requiresNew = new TransactionTemplate(txManager);
        this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void write(OperationLogRecord r) {
        try {
            requiresNew.executeWithoutResult(status -> jdbc.update(
                    "INSERT INTO op_log (operation, actor_type, actor_id, args, reason, before_state, after_state, outcome,"
                            + " error_code, duration_ms, trace_id, client_ip, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))",
                    r.operation(), r.actorType(), r.actorId(), r.args(), r.reason(), r.beforeState(), r.afterState(),
                    r.success() ? "SUCCESS" : "FAILURE", r.errorCode(), r.durationMs(), r.traceId(), r.clientIp()));
        } catch (RuntimeException e) {
            // the audit trail must not turn a done operation into an error for the client; ops alert on this log
            log.error("op-log write failed for {}", r.operation(), e);
        }
    }
}
