-- One row per callback a merchant must get (an order's terminal status, or a test); retried until acknowledged.
CREATE TABLE callback_delivery (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    notify_id       CHAR(32)      NOT NULL COMMENT 'unique id in the callback body, for the merchant to de-duplicate',
    merchant_no     VARCHAR(32)   NOT NULL,
    order_no        VARCHAR(40)   NULL,
    event_type      VARCHAR(24)   NOT NULL COMMENT 'ORDER_COMPLETED, ORDER_EXPIRED, ORDER_CANCELLED, ORDER_REFUNDED or TEST',
    notify_url      VARCHAR(512)  NOT NULL,
    payload         TEXT          NOT NULL COMMENT 'the exact body sent, signed as is',
    signature       VARCHAR(1024) NOT NULL,
    status          VARCHAR(16)   NOT NULL COMMENT 'PENDING, DELIVERED or GAVE_UP',
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)   NULL,
    delivered_at    DATETIME(3)   NULL,
    created_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_callback_notify (notify_id),
    UNIQUE KEY uk_callback_order_event (merchant_no, order_no, event_type),
    KEY idx_callback_due (status, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every attempt, for the merchant's delivery log.
CREATE TABLE callback_attempt (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    delivery_id      BIGINT       NOT NULL,
    attempt_no       INT          NOT NULL,
    attempted_at     DATETIME(3)  NOT NULL,
    http_status      INT          NULL,
    latency_ms       BIGINT       NOT NULL,
    response_snippet VARCHAR(256) NULL,
    error            VARCHAR(128) NULL,
    acknowledged     TINYINT(1)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_callback_attempt (delivery_id, attempt_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
