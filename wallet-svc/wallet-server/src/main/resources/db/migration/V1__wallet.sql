-- wallet-svc keeps what it asked other services to do, so every step can be finished or ended the other way after a
-- crash (docs/development.md, "One pattern"). Balances themselves live only in ledger-svc.
-- Owner refs are USER:<userId> or MERCHANT:<merchantNo>. Identifiers, addresses and hashes compare byte for byte.

-- One row per owner: locked while a withdrawal is admitted, so the daily limit is counted exactly under concurrency.
CREATE TABLE wallet_owner (
    owner_ref   VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (owner_ref)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An owner's deposit address per network, as chain-bridge-svc derived it (cached: the same address every time).
CREATE TABLE wallet_deposit_address (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    owner_ref   VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    network     VARCHAR(32) NOT NULL,
    address     VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_deposit_address_owner (owner_ref, network)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A confirmed on-chain deposit being credited: CREDITING (intent, committed before the ledger call) -> CREDITED.
-- Unique on the chain's identity of the transfer, so it is credited exactly once (ledger key = deposit key).
CREATE TABLE wallet_deposit (
    id                BIGINT         NOT NULL AUTO_INCREMENT,
    chain_deposit_id  BIGINT         NOT NULL COMMENT 'chain-bridge-svc''s id',
    network           VARCHAR(32)    NOT NULL,
    coin              VARCHAR(16)    NOT NULL,
    tx_hash           VARCHAR(100)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    log_index         INT            NOT NULL,
    address           VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    owner_ref         VARCHAR(80)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    amount            DECIMAL(36,18) NOT NULL,
    status            VARCHAR(16)    NOT NULL COMMENT 'CREDITING or CREDITED',
    credit_txn_id     BIGINT         NULL,
    last_error        VARCHAR(64)    NULL,
    attempted_at      DATETIME(3)    NULL,
    created_at        DATETIME(3)    NOT NULL,
    updated_at        DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_deposit_chain (network, tx_hash, log_index),
    KEY idx_deposit_status (status, updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Cursors of keyset scans that must survive restarts (the confirmed deposits recovery pages).
CREATE TABLE wallet_cursor (
    name        VARCHAR(64) NOT NULL,
    position    BIGINT      NOT NULL,
    updated_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An app user's saved withdrawal addresses; one may be withdrawn to from usable_at (the cool-down after adding it).
CREATE TABLE wallet_address_book (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    owner_ref   VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    network     VARCHAR(32) NOT NULL,
    address     VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'canonical form (EVM: EIP-55)',
    label       VARCHAR(64) NOT NULL,
    usable_at   DATETIME(3) NOT NULL,
    created_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_address_book (owner_ref, network, address)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A withdrawal (an app user's) or payout (a merchant's). status is the local state machine:
--   HOLDING -> REVIEW | SENDING -> BROADCAST -> SETTLING -> COMPLETED
--   HOLDING -> FAILED (hold refused, key voided: nothing held)
--   REVIEW -> RELEASING (ending REJECTED);  SENDING | BROADCAST -> RELEASING (ending FAILED) -> FAILED | REJECTED
-- SETTLING and RELEASING are intents of the ledger steps; owners see them as the state before (WithdrawalStatus).
CREATE TABLE wallet_withdrawal (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    withdrawal_no   VARCHAR(40)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL COMMENT 'W<id>: names the ledger keys and the chain send',
    owner_ref       VARCHAR(80)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    client_ref      VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'the owner''s requestNo or payoutNo',
    network         VARCHAR(32)    NOT NULL,
    coin            VARCHAR(16)    NOT NULL,
    to_address      VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    amount          DECIMAL(36,18) NOT NULL,
    fee             DECIMAL(36,18) NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    ending          VARCHAR(16)    NULL COMMENT 'RELEASING: FAILED or REJECTED',
    needs_review    TINYINT(1)     NOT NULL,
    hold_id         BIGINT         NULL,
    tx_hash         VARCHAR(100)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    failure_code    INT            NULL COMMENT 'the error code a refused hold answered (repeated to a retry)',
    failure_reason  VARCHAR(255)   NULL,
    request_hash    CHAR(64)       CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'fingerprint of the request: a retry must match',
    reviewed_by     BIGINT         NULL,
    review_reason   VARCHAR(255)   NULL,
    reviewed_at     DATETIME(3)    NULL,
    attempted_at    DATETIME(3)    NULL,
    created_at      DATETIME(3)    NOT NULL,
    updated_at      DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_withdrawal_no (withdrawal_no),
    UNIQUE KEY uk_withdrawal_client (owner_ref, client_ref),
    KEY idx_withdrawal_owner_day (owner_ref, coin, created_at),
    KEY idx_withdrawal_status (status, updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An internal transfer between two app users: PENDING (intent) -> DONE, or FAILED (refused, key voided).
CREATE TABLE wallet_transfer (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    transfer_no     VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'the sender''s own number',
    from_user_id    BIGINT         NOT NULL,
    to_user_id      BIGINT         NOT NULL,
    coin            VARCHAR(16)    NOT NULL,
    amount          DECIMAL(36,18) NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    txn_id          BIGINT         NULL,
    failure_code    INT            NULL,
    request_hash    CHAR(64)       CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    attempted_at    DATETIME(3)    NULL,
    created_at      DATETIME(3)    NOT NULL,
    updated_at      DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_transfer_no (from_user_id, transfer_no),
    KEY idx_transfer_to (to_user_id, id),
    KEY idx_transfer_status (status, updated_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
