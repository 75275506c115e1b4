package io.apay.job;

import io.apay.common.core.error.ErrorCode;

/** Error codes of job-svc, range {@link io.apay.common.core.error.ErrorCodeRange#JOB}. */
public interface JobErrorCodes {

    ErrorCode RECON_RUN_NOT_FOUND = new ErrorCode(21001, 404, "reconciliation run not found");
    ErrorCode RECON_SINCE_INVALID = new ErrorCode(21002, 400, "since must be in the past, at most 31 days ago");
}
