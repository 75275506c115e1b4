package io.apay.ledger.api;

/** Error codes of ledger-svc, range {@link io.apay.common.core.error.ErrorCodeRange#LEDGER}. */
public interface LedgerErrorCodes {
}
