-- wealth-svc: staking and collateral-mining products, users' positions in them, and the daily accrual
-- (docs/wealth.md). Balances live only in ledger-svc; every ledger step is an intent here first
-- (docs/development.md, "One pattern"). Amounts DECIMAL(36,18), narrowed to the coin's scale by the service.

-- A product. STAKING: lock coin, earn the same coin at an APR. MINING (collateral mining): lock lock_coin, earn
-- reward_coin at reward_rate per locked unit per day. term_days NULL = flexible (redeem any time).
-- locked = principal of the positions not ended (SUBSCRIBING, OPEN, REDEEMING): the quota check is one
-- conditional UPDATE on it, so concurrent subscriptions never oversell total_quota.
CREATE TABLE wealth_product (
    id                   BIGINT         NOT NULL AUTO_INCREMENT,
    code                 VARCHAR(32)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    name                 VARCHAR(100)   NOT NULL,
    type                 VARCHAR(16)    NOT NULL COMMENT 'STAKING or MINING',
    lock_coin            VARCHAR(16)    NOT NULL,
    reward_coin          VARCHAR(16)    NOT NULL,
    term_days            INT            NULL COMMENT 'NULL: flexible',
    reward_rate          DECIMAL(36,18) NOT NULL COMMENT 'STAKING: APR as a fraction (0.08 = 8%); MINING: reward coin per locked unit per day',
    min_amount           DECIMAL(36,18) NOT NULL COMMENT 'smallest subscription',
    max_per_user         DECIMAL(36,18) NOT NULL COMMENT 'most one user may have locked in it at once',
    total_quota          DECIMAL(36,18) NOT NULL,
    locked               DECIMAL(36,18) NOT NULL DEFAULT 0,
    sale_start           DATETIME(3)    NOT NULL,
    sale_end             DATETIME(3)    NULL,
    early_redeem         TINYINT(1)     NOT NULL DEFAULT 0 COMMENT 'fixed term: may a position be redeemed before maturity',
    early_penalty_share  DECIMAL(10,8)  NOT NULL DEFAULT 0 COMMENT 'share of the accrued reward forfeited on early redemption',
    status               VARCHAR(16)    NOT NULL COMMENT 'DRAFT, ON_SALE, PAUSED, RETIRED',
    accrued_through      DATE           NULL COMMENT 'the last day accrued for every position of the product',
    accrual_stalled_code INT            NULL COMMENT 'set while the reward pool cannot pay the next day',
    accrual_stalled_at   DATETIME(3)    NULL,
    created_at           DATETIME(3)    NOT NULL,
    updated_at           DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_wealth_product_code (code),
    CONSTRAINT ck_wealth_product_locked CHECK (locked >= 0 AND locked <= total_quota)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A user's position: SUBSCRIBING (intent: locked counted, ledger move under wealth:subscribe:<id> pending) ->
-- OPEN -> REDEEMING (intent: amounts fixed, ledger move under wealth:redeem:<id> pending) -> REDEEMED; or
-- SUBSCRIBING -> FAILED (the ledger refused; key voided, nothing moved, locked given back).
-- Accrual days run from start_day (the day after the subscription, UTC) to end_day (fixed term; NULL flexible);
-- a fixed-term position matures on end_day + 1.
CREATE TABLE wealth_position (
    id               BIGINT         NOT NULL AUTO_INCREMENT,
    user_id          BIGINT         NOT NULL,
    product_id       BIGINT         NOT NULL,
    request_no       VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    request_hash     CHAR(64)       CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    amount           DECIMAL(36,18) NOT NULL,
    status           VARCHAR(16)    NOT NULL,
    start_day        DATE           NOT NULL,
    end_day          DATE           NULL,
    accrued          DECIMAL(36,18) NOT NULL DEFAULT 0 COMMENT 'reward accrued so far (reward coin)',
    accrued_through  DATE           NULL,
    redeem_kind      VARCHAR(16)    NULL COMMENT 'FLEXIBLE, EARLY or MATURITY',
    reward_paid      DECIMAL(36,18) NULL,
    penalty          DECIMAL(36,18) NULL,
    subscribe_txn_id BIGINT         NULL,
    redeem_txn_id    BIGINT         NULL,
    failure_code     INT            NULL,
    attempted_at     DATETIME(3)    NULL,
    redeem_requested_at DATETIME(3) NULL,
    redeemed_at      DATETIME(3)    NULL,
    created_at       DATETIME(3)    NOT NULL,
    updated_at       DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_wealth_position_request (user_id, request_no),
    KEY idx_wealth_position_product (product_id, status),
    KEY idx_wealth_position_user (user_id, product_id, status),
    KEY idx_wealth_position_status (status, updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One accrual of one product for one day: CALCULATED (intent: its position rewards below are computed, ledger move
-- under wealth:accrual:<id> pending) -> POSTED (positions' accrued updated in the same transaction), or VOIDED (the
-- ledger refused, e.g. an unfunded pool: key voided, its rows deleted; a later attempt is a new run).
-- live_day makes "one live run per product and day" a database rule.
CREATE TABLE wealth_accrual_run (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    product_id    BIGINT         NOT NULL,
    day           DATE           NOT NULL,
    status        VARCHAR(16)    NOT NULL,
    positions     INT            NOT NULL,
    principal     DECIMAL(36,18) NOT NULL COMMENT 'sum of the principals accrued',
    gross         DECIMAL(36,18) NOT NULL COMMENT 'the day''s reward of the whole product, rounded down once',
    paid          DECIMAL(36,18) NOT NULL COMMENT 'sum of the positions'' rewards, each rounded down',
    rounding      DECIMAL(36,18) NOT NULL COMMENT 'gross - paid, to the product''s ROUNDING account',
    txn_id        BIGINT         NULL,
    failure_code  INT            NULL,
    live_day      DATE           AS (CASE WHEN status <> 'VOIDED' THEN day END) STORED,
    created_at    DATETIME(3)    NOT NULL,
    updated_at    DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_wealth_accrual_run_live (product_id, live_day),
    KEY idx_wealth_accrual_run_status (status, updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One position's reward for one day. The primary key is the rule "no day is paid twice".
CREATE TABLE wealth_accrual (
    position_id  BIGINT         NOT NULL,
    day          DATE           NOT NULL,
    run_id       BIGINT         NOT NULL,
    amount       DECIMAL(36,18) NOT NULL,
    PRIMARY KEY (position_id, day),
    KEY idx_wealth_accrual_run (run_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An operator's funding of a product's reward pool: PENDING (intent; ledger move under wealth:funding:<id>) -> DONE,
-- or FAILED (refused; key voided). Idempotent on funding_no.
CREATE TABLE wealth_funding (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    product_id    BIGINT         NOT NULL,
    funding_no    VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    coin          VARCHAR(16)    NOT NULL,
    amount        DECIMAL(36,18) NOT NULL,
    status        VARCHAR(16)    NOT NULL,
    operator      VARCHAR(64)    NOT NULL,
    reason        VARCHAR(255)   NOT NULL,
    txn_id        BIGINT         NULL,
    failure_code  INT            NULL,
    attempted_at  DATETIME(3)    NULL,
    created_at    DATETIME(3)    NOT NULL,
    updated_at    DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_wealth_funding_no (funding_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
