package io.apay.ledger.server.service.engine;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A batch's COMMIT was sent and failed without a definite answer (typically the connection died on the way): the
 * batch may or may not have committed. Only {@link WriterSession#commit()} throws it; {@link LedgerWriter} answers
 * {@code OUTCOME_UNKNOWN} for a command until a later attempt finds its key or applies it. Every failure before
 * the commit was sent is a plain {@code DataAccessException}: the transaction was rolled back, nothing committed.
 */
final class CommitOutcomeUnknownException extends DataAccessResourceFailureException {

    CommitOutcomeUnknownException(Throwable cause) {
        super("ledger batch commit failed: outcome unknown", cause);
    }
}
