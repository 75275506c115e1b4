package io.apay.common.web.oplog;

/** One row of {@code op_log}. {@code errorCode} is null on success; reason and states are null when not given. */
public record OperationLogRecord(
        String operation,
        String actorType,
        String actorId,
        String args,
        String reason,
        String beforeState,
        String afterState,
        boolean success,
        Integer errorCode,
        long durationMs,
        String traceId,
        String clientIp) {
}
