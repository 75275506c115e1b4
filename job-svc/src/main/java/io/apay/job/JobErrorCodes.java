package io.apay.job;

import io.apay.common.core.error.ErrorCode;

/** Error codes of job-svc, range {@link io.apay.common.core.error.ErrorCodeRange#JOB}. */
public interface JobErrorCodes {

    ErrorCode RECON_RUN_NOT_FOUND = new ErrorCode(21001, 404, "reconciliation run not found");
    ErrorCode RECON_SINCE_INVALID = new ErrorCode(21002, 400, "since must be in the past, at most 31 days ago");
    ErrorCode JOB_NOT_FOUND = new ErrorCode(21003, 404, "no job of that name");
    ErrorCode JOB_DAY_REQUIRED = new ErrorCode(21004, 400, "this job works by day: give a day that has ended (UTC)");
    ErrorCode JOB_DAY_NOT_ALLOWED = new ErrorCode(21005, 400, "this job does not work by day: leave day out");
    ErrorCode JOB_BUSY = new ErrorCode(21006, 409, "a run of this job is still going: try again when it has ended");
    ErrorCode JOB_RUN_NOT_FOUND = new ErrorCode(21007, 404, "job run not found");
}
