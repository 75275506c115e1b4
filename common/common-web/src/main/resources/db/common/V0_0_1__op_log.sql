-- Shared by every service (common-web): the operation log written by @OperationLog.
CREATE TABLE op_log (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    operation   VARCHAR(64)  NOT NULL,
    actor_type  VARCHAR(16)  NOT NULL,
    actor_id    VARCHAR(64)  NULL,
    args        TEXT         NULL,
    outcome     VARCHAR(8)   NOT NULL,
    error_code  INT          NULL,
    duration_ms BIGINT       NOT NULL,
    trace_id    CHAR(32)     NULL,
    client_ip   VARCHAR(45)  NULL,
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY idx_op_log_actor (actor_type, actor_id, created_at),
    KEY idx_op_log_operation (operation, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
