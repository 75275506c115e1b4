package io.apay.job;

/** Error codes of job-svc, range {@link io.apay.common.core.error.ErrorCodeRange#JOB}. */
public interface JobErrorCodes {
}
