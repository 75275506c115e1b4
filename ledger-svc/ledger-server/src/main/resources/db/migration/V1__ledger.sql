-- ledger-svc: coins, accounts, the journal (transactions + postings), holds, fee schedules, reconciliation runs.
-- Runs on MySQL 8 and MariaDB 10.11. Amounts are DECIMAL(36,18); each coin narrows them to its scale.

CREATE TABLE ledger_coin (
    code       VARCHAR(16) NOT NULL,
    scale      TINYINT     NOT NULL,
    enabled    TINYINT(1)  NOT NULL DEFAULT 1,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (code),
    CONSTRAINT ck_ledger_coin_scale CHECK (scale BETWEEN 0 AND 18)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO ledger_coin (code, scale, enabled, created_at) VALUES
    ('USDT', 6, 1, UTC_TIMESTAMP(3)),
    ('BTC', 8, 1, UTC_TIMESTAMP(3)),
    ('ETH', 18, 1, UTC_TIMESTAMP(3));

-- One row per (owner, coin, kind), created on first use. allow_negative follows from the kind and is enforced
-- by the database too, as a last line behind the ledger's own checks.
CREATE TABLE ledger_account (
    id             BIGINT          NOT NULL AUTO_INCREMENT,
    owner_type     VARCHAR(16)     NOT NULL,
    owner_id       VARCHAR(64)     NOT NULL,
    coin           VARCHAR(16)     NOT NULL,
    kind           VARCHAR(32)     NOT NULL,
    allow_negative TINYINT(1)      NOT NULL,
    balance        DECIMAL(36, 18) NOT NULL DEFAULT 0,
    version        BIGINT          NOT NULL DEFAULT 0,
    created_at     DATETIME(3)     NOT NULL,
    updated_at     DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_ledger_account_address (owner_type, owner_id, coin, kind),
    CONSTRAINT fk_ledger_account_coin FOREIGN KEY (coin) REFERENCES ledger_coin (code),
    CONSTRAINT ck_ledger_account_overdraft CHECK (allow_negative = 1 OR balance >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A journal transaction. Its id comes from ledger_id_block (hi/lo), so a batch knows its ids before it inserts.
-- request_hash is the SHA-256 of the canonical request: the same key with another payload is a conflict.
CREATE TABLE ledger_txn (
    id                 BIGINT       NOT NULL,
    idempotency_key    VARCHAR(128) NOT NULL,
    request_hash       CHAR(64)     NOT NULL,
    type               VARCHAR(16)  NOT NULL,
    biz_ref            VARCHAR(128) NULL,
    memo               VARCHAR(255) NULL,
    hold_id            BIGINT       NULL,
    reverses_txn_id    BIGINT       NULL,
    reversed_by_txn_id BIGINT       NULL,
    created_at         DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_ledger_txn_key (idempotency_key),
    KEY idx_ledger_txn_biz_ref (biz_ref),
    KEY idx_ledger_txn_hold (hold_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Postings are append-only. Their AUTO_INCREMENT id orders the postings of one account (they are inserted while
-- the account's row lock is held), so balance_after reads as a running balance in id order.
CREATE TABLE ledger_posting (
    id            BIGINT          NOT NULL AUTO_INCREMENT,
    txn_id        BIGINT          NOT NULL,
    account_id    BIGINT          NOT NULL,
    coin          VARCHAR(16)     NOT NULL,
    amount        DECIMAL(36, 18) NOT NULL,
    balance_after DECIMAL(36, 18) NOT NULL,
    created_at    DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    KEY idx_ledger_posting_account (account_id, id),
    KEY idx_ledger_posting_txn (txn_id),
    CONSTRAINT fk_ledger_posting_txn FOREIGN KEY (txn_id) REFERENCES ledger_txn (id),
    CONSTRAINT fk_ledger_posting_account FOREIGN KEY (account_id) REFERENCES ledger_account (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A hold moves coin from source_account (AVAILABLE) to held_account (FROZEN or MARGIN). It stays OPEN until
-- it is resolved once, as SETTLED or RELEASED; amount = remaining + settled + released at all times.
CREATE TABLE ledger_hold (
    id                BIGINT          NOT NULL,
    purpose           VARCHAR(16)     NOT NULL,
    status            VARCHAR(16)     NOT NULL,
    source_account_id BIGINT          NOT NULL,
    held_account_id   BIGINT          NOT NULL,
    coin              VARCHAR(16)     NOT NULL,
    amount            DECIMAL(36, 18) NOT NULL,
    remaining         DECIMAL(36, 18) NOT NULL,
    settled           DECIMAL(36, 18) NOT NULL,
    released          DECIMAL(36, 18) NOT NULL,
    created_txn_id    BIGINT          NOT NULL,
    biz_ref           VARCHAR(128)    NULL,
    version           BIGINT          NOT NULL DEFAULT 0,
    created_at        DATETIME(3)     NOT NULL,
    updated_at        DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    KEY idx_ledger_hold_held_status (held_account_id, status),
    KEY idx_ledger_hold_biz_ref (biz_ref),
    CONSTRAINT fk_ledger_hold_source FOREIGN KEY (source_account_id) REFERENCES ledger_account (id),
    CONSTRAINT fk_ledger_hold_held FOREIGN KEY (held_account_id) REFERENCES ledger_account (id),
    CONSTRAINT ck_ledger_hold_amounts CHECK (remaining >= 0 AND settled >= 0 AND released >= 0
        AND amount = remaining + settled + released)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- fee = clamp(amount * rate + fixed_fee, min_fee, max_fee) rounded to the coin's scale with rounding_mode;
-- commission = fee * commission_share and platform income = fee * (1 - commission_share), each rounded down;
-- what is left over goes to the platform's ROUNDING account.
CREATE TABLE ledger_fee_schedule (
    id               BIGINT          NOT NULL AUTO_INCREMENT,
    coin             VARCHAR(16)     NOT NULL,
    biz_type         VARCHAR(64)     NOT NULL,
    rate             DECIMAL(12, 8)  NOT NULL,
    fixed_fee        DECIMAL(36, 18) NOT NULL,
    min_fee          DECIMAL(36, 18) NOT NULL,
    max_fee          DECIMAL(36, 18) NULL,
    commission_share DECIMAL(12, 8)  NOT NULL,
    rounding_mode    VARCHAR(16)     NOT NULL,
    enabled          TINYINT(1)      NOT NULL DEFAULT 1,
    created_at       DATETIME(3)     NOT NULL,
    updated_at       DATETIME(3)     NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_ledger_fee_schedule (coin, biz_type),
    CONSTRAINT fk_ledger_fee_schedule_coin FOREIGN KEY (coin) REFERENCES ledger_coin (code),
    CONSTRAINT ck_ledger_fee_schedule CHECK (rate >= 0 AND rate < 1 AND fixed_fee >= 0 AND min_fee >= 0
        AND (max_fee IS NULL OR max_fee >= min_fee) AND commission_share >= 0 AND commission_share <= 1)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The payment path: merchants pay 2% (at least 0.01 USDT); the acceptor who took the order earns 40% of it.
INSERT INTO ledger_fee_schedule (coin, biz_type, rate, fixed_fee, min_fee, max_fee, commission_share, rounding_mode, enabled, created_at, updated_at) VALUES
    ('USDT', 'OTC_PAYMENT', 0.02000000, 0, 0.010000, NULL, 0.40000000, 'HALF_UP', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3)),
    ('USDT', 'WITHDRAWAL', 0.00100000, 1.000000, 1.000000, 50.000000, 0, 'HALF_UP', 1, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3));

-- Hi/lo id blocks: a writer takes a block of ids at a time (UPDATE ... LAST_INSERT_ID(next_id + size)).
CREATE TABLE ledger_id_block (
    name    VARCHAR(32) NOT NULL,
    next_id BIGINT      NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO ledger_id_block (name, next_id) VALUES ('journal', 1000);

CREATE TABLE ledger_recon_run (
    id               BIGINT      NOT NULL AUTO_INCREMENT,
    run_trigger      VARCHAR(32) NOT NULL,
    ok               TINYINT(1)  NOT NULL,
    accounts_checked BIGINT      NOT NULL,
    postings_checked BIGINT      NOT NULL,
    holds_checked    BIGINT      NOT NULL,
    difference_count BIGINT      NOT NULL,
    differences      MEDIUMTEXT  NOT NULL COMMENT 'JSON array of the first 100 differences',
    started_at       DATETIME(3) NOT NULL,
    finished_at      DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_ledger_recon_run_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
