package io.apay.common.web.oplog;

/** One row of {@code op_log}. {@code errorCode} is null on success. */
public record OperationLogRecord(
        String operation,
        String actorType,
        String actorId,
        String args,
        boolean success,
        Integer errorCode,
        long durationMs,
        String traceId,
        String clientIp) {
}
