package io.apay.ledger.server.service.engine;

import io.apay.ledger.server.dal.jdbc.JournalJdbc;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * One writer thread's own database connection, with autocommit off for good: a batch is its statements plus
 * one commit, with no pool checkout and no autocommit switching around it (two round trips saved per batch).
 * The connection goes back to the pool, and a fresh one is taken, every minute and after any failure.
 */
final class WriterSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriterSession.class);
    private static final long RENEW_AFTER_NANOS = 60_000_000_000L;

    private final DataSource pool;
    private Connection connection;
    private JournalJdbc journal;
    private long openedAt;
    private long commitsSent;

    WriterSession(DataSource pool) {
        this.pool = pool;
    }

    /** The journal statements on this session's connection, inside its current (implicit) transaction. */
    JournalJdbc journal() {
        if (connection != null && System.nanoTime() - openedAt > RENEW_AFTER_NANOS) {
            close();
        }
        if (connection == null) {
            try {
                connection = pool.getConnection();
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                close();
                throw new DataAccessResourceFailureException("no connection for the ledger writer", e);
            }
            journal = new JournalJdbc(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
            openedAt = System.nanoTime();
        }
        return journal;
    }

    /**
     * Commits the current batch. Once COMMIT is sent, a failure no longer means "nothing committed" (the
     * connection may have died after the database committed): it is a {@link CommitOutcomeUnknownException}.
     */
    void commit() {
        commitsSent++;
        try {
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            close();
            throw new CommitOutcomeUnknownException(e);
        }
    }

    /** How many commits this session has sent (whatever became of them). */
    long commitsSent() {
        return commitsSent;
    }

    /** Rolls back what the current batch wrote; a connection that cannot even do that is dropped. */
    void rollback() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.warn("ledger writer rollback failed, dropping its connection: {}", e.toString());
            close();
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.rollback();
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                log.debug("resetting the ledger writer's connection: {}", e.toString());
            }
            try {
                connection.close(); // even a broken one, or the pool never gets it back
            } catch (SQLException e) {
                log.debug("closing the ledger writer's connection: {}", e.toString());
            }
        }
        connection = null;
        journal = null;
    }
}
