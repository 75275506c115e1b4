-- push-svc: monitor devices (signing keys), payment reports from monitors, messages for acceptors' monitors.

CREATE TABLE monitor_device (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    device_id   VARCHAR(40)  NOT NULL COMMENT 'public id, md_ + 26 random base32 chars',
    acceptor_id BIGINT       NOT NULL,
    name        VARCHAR(64)  NOT NULL,
    secret_enc  VARCHAR(255) NOT NULL COMMENT 'the signing secret, SecretCipher v1, context push.device:<device_id>',
    status      TINYINT      NOT NULL COMMENT '0 = active, 1 = revoked',
    created_at  DATETIME(3)  NOT NULL,
    revoked_at  DATETIME(3)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_monitor_device_device_id (device_id),
    KEY idx_monitor_device_acceptor (acceptor_id, status)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE payment_report (
    id              BIGINT          NOT NULL AUTO_INCREMENT,
    report_id       CHAR(36)        NOT NULL,
    acceptor_id     BIGINT          NOT NULL,
    device_id       VARCHAR(40)     NOT NULL,
    notification_id VARCHAR(128)    NOT NULL COMMENT 'the phone''s notification id: one report per device and notification',
    channel         VARCHAR(16)     NOT NULL,
    amount          DECIMAL(36, 18) NOT NULL,
    currency        CHAR(3)         NOT NULL,
    payer_remark    VARCHAR(256)    NOT NULL,
    paid_at         DATETIME(3)     NOT NULL,
    received_at     DATETIME(3)     NOT NULL,
    epoch           BIGINT          NOT NULL COMMENT 'epoch of the connection that delivered the report',
    PRIMARY KEY (id),
    UNIQUE KEY uk_payment_report_report_id (report_id),
    UNIQUE KEY uk_payment_report_notification (device_id, notification_id),
    KEY idx_payment_report_acceptor (acceptor_id, received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE acceptor_message (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    message_id  CHAR(36)    NOT NULL COMMENT 'the sender''s outbox event id; the monitor acknowledges it',
    acceptor_id BIGINT      NOT NULL,
    type        VARCHAR(32) NOT NULL,
    frame       TEXT        NOT NULL COMMENT 'the JSON frame sent to the monitor (without the epoch)',
    status      TINYINT     NOT NULL COMMENT '0 = pending (sent again on connect until acked or expired), 1 = acknowledged',
    expires_at  DATETIME(3) NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    acked_at    DATETIME(3) NULL,
    acked_epoch BIGINT      NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_acceptor_message_message_id (message_id),
    KEY idx_acceptor_message_pending (acceptor_id, status, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
