-- Acceptors: app users approved to take payment orders. Their margin deposit is a MARGIN hold in the ledger.
-- online/presence_*: the last presence push-svc reported, applied in (epoch, phase) order (phase 0 online, 1 offline).
CREATE TABLE acceptor (
    user_id          BIGINT         NOT NULL,
    display_name     VARCHAR(32)    NOT NULL,
    status           VARCHAR(16)    NOT NULL COMMENT 'APPLIED, ACTIVE, REJECTED or LEFT',
    margin_coin      VARCHAR(10)    NULL,
    margin_amount    DECIMAL(36,18) NULL,
    margin_hold_id   BIGINT         NULL,
    application_no   INT            NOT NULL DEFAULT 1 COMMENT 'counts applications: names the margin hold of each',
    applied_at       DATETIME(3)    NOT NULL,
    reviewed_by      BIGINT         NULL,
    reviewed_at      DATETIME(3)    NULL,
    review_reason    VARCHAR(255)   NULL,
    left_at          DATETIME(3)    NULL,
    online           TINYINT(1)     NOT NULL DEFAULT 0,
    presence_epoch   BIGINT         NOT NULL DEFAULT 0,
    presence_phase   TINYINT        NOT NULL DEFAULT 1,
    presence_at      DATETIME(3)    NULL,
    updated_at       DATETIME(3)    NOT NULL,
    PRIMARY KEY (user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An ad offers total_coin at a rate; the coin is held in the ledger (hold_id). available_coin is what open orders
-- have not reserved yet; orders settle their part of the hold when paid.
CREATE TABLE acceptor_ad (
    id               BIGINT         NOT NULL AUTO_INCREMENT,
    acceptor_id      BIGINT         NOT NULL,
    coin             VARCHAR(10)    NOT NULL,
    fiat_currency    CHAR(3)        NOT NULL,
    rate             DECIMAL(18,6)  NOT NULL COMMENT 'fiat per coin',
    min_fiat         DECIMAL(20,2)  NOT NULL,
    max_fiat         DECIMAL(20,2)  NOT NULL,
    total_coin       DECIMAL(36,18) NOT NULL,
    available_coin   DECIMAL(36,18) NOT NULL,
    hold_id          BIGINT         NULL,
    status           VARCHAR(16)    NOT NULL COMMENT 'ACTIVE, PAUSED or CLOSED',
    pause_reason     VARCHAR(64)    NULL,
    last_assigned_at DATETIME(3)    NOT NULL COMMENT 'round-robin: the least recently assigned ad goes first',
    created_at       DATETIME(3)    NOT NULL,
    updated_at       DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    KEY idx_ad_match (status, fiat_currency, coin, last_assigned_at),
    KEY idx_ad_acceptor (acceptor_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Where the buyer pays: the acceptor's account on a channel, and its QR image (object storage key).
CREATE TABLE ad_channel (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    ad_id         BIGINT       NOT NULL,
    channel       VARCHAR(8)   NOT NULL COMMENT 'ALIPAY, WECHAT or BANK',
    payee_name    VARCHAR(64)  NOT NULL,
    payee_account VARCHAR(64)  NOT NULL,
    bank_name     VARCHAR(64)  NULL,
    qr_key        VARCHAR(128) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_ad_channel (ad_id, channel)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE payment_order (
    id                   BIGINT         NOT NULL AUTO_INCREMENT,
    order_no             VARCHAR(40)    NOT NULL,
    cashier_token        VARCHAR(40)    NOT NULL COMMENT 'the buyer''s unguessable key to the cashier page',
    merchant_no          VARCHAR(32)    NOT NULL,
    merchant_order_no    VARCHAR(64)    NOT NULL,
    ad_id                BIGINT         NOT NULL,
    acceptor_id          BIGINT         NOT NULL,
    channel              VARCHAR(8)     NOT NULL,
    fiat_currency        CHAR(3)        NOT NULL,
    fiat_amount          DECIMAL(20,2)  NOT NULL,
    payable_amount       DECIMAL(20,2)  NOT NULL,
    coin                 VARCHAR(10)    NOT NULL,
    coin_amount          DECIMAL(36,18) NOT NULL,
    rate                 DECIMAL(18,6)  NOT NULL,
    status               VARCHAR(16)    NOT NULL COMMENT 'CREATED, PAID, COMPLETED, EXPIRED, CANCELLED, APPEAL',
    notify_url           VARCHAR(512)   NOT NULL,
    return_url           VARCHAR(512)   NULL,
    expires_at           DATETIME(3)    NOT NULL,
    paid_at              DATETIME(3)    NULL,
    completed_at         DATETIME(3)    NULL,
    closed_at            DATETIME(3)    NULL,
    payment_report_id    BIGINT         NULL,
    settle_txn_id        BIGINT         NULL,
    merchant_coin_amount DECIMAL(36,18) NULL,
    fee_coin_amount      DECIMAL(36,18) NULL,
    appeal_from          VARCHAR(16)    NULL,
    created_at           DATETIME(3)    NOT NULL,
    updated_at           DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_order_no (order_no),
    UNIQUE KEY uk_order_cashier (cashier_token),
    UNIQUE KEY uk_order_merchant_ref (merchant_no, merchant_order_no),
    KEY idx_order_status_expiry (status, expires_at),
    KEY idx_order_merchant (merchant_no, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The unique payable amount: one row per open order, unique per acceptor, channel, currency and amount, so a bare
-- credit of that amount names exactly one order. Deleted when the order ends; the amount can then be reused.
CREATE TABLE payable_amount_slot (
    acceptor_id    BIGINT        NOT NULL,
    channel        VARCHAR(8)    NOT NULL,
    fiat_currency  CHAR(3)       NOT NULL,
    payable_amount DECIMAL(20,2) NOT NULL,
    order_id       BIGINT        NOT NULL,
    PRIMARY KEY (acceptor_id, channel, fiat_currency, payable_amount),
    UNIQUE KEY uk_slot_order (order_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every payment a monitor reported, matched to an order or kept for review (late, short, over or unknown).
CREATE TABLE payment_report (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    report_id       VARCHAR(64)   NOT NULL COMMENT 'push-svc''s id of the report',
    acceptor_id     BIGINT        NOT NULL,
    device_id       VARCHAR(64)   NOT NULL,
    notification_id VARCHAR(128)  NOT NULL,
    channel         VARCHAR(8)    NOT NULL,
    fiat_currency   CHAR(3)       NOT NULL,
    amount          DECIMAL(20,2) NOT NULL,
    payer_remark    VARCHAR(128)  NULL,
    paid_at         DATETIME(3)   NOT NULL,
    status          VARCHAR(16)   NOT NULL COMMENT 'MATCHED, UNMATCHED or REVIEWED',
    unmatched_reason VARCHAR(24)  NULL COMMENT 'NO_OPEN_ORDER or ORDER_CLOSED',
    order_id        BIGINT        NULL,
    review_note     VARCHAR(255)  NULL,
    reviewed_by     BIGINT        NULL,
    created_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_report (acceptor_id, device_id, notification_id),
    KEY idx_report_status (status, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
