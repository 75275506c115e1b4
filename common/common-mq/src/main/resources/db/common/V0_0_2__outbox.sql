-- Shared by every service (common-mq): the transactional outbox and the consumer de-duplication marks.
CREATE TABLE outbox_event (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    event_id        CHAR(36)     NOT NULL,
    exchange_name   VARCHAR(128) NOT NULL,
    routing_key     VARCHAR(128) NOT NULL,
    payload         MEDIUMTEXT   NOT NULL,
    trace_id        CHAR(32)     NULL,
    status          TINYINT      NOT NULL COMMENT '0 = waiting to be sent, 1 = confirmed by the broker',
    attempts        INT          NOT NULL,
    next_attempt_at DATETIME(3)  NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    sent_at         DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_outbox_event_id (event_id),
    KEY idx_outbox_due (status, next_attempt_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE processed_event (
    consumer     VARCHAR(64) NOT NULL,
    event_id     CHAR(36)    NOT NULL,
    processed_at DATETIME(3) NOT NULL,
    PRIMARY KEY (consumer, event_id),
    KEY idx_processed_event_at (processed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
