-- chain-bridge-svc: deposit addresses, the scanner's cursor and deposits, withdrawals and their transactions.
-- Identifiers compared byte for byte (addresses, hashes, ids, network names) are utf8mb4_bin. No private key is ever
-- stored here: deposit addresses are derived from a public key; the signer keeps keys elsewhere.

-- The next free derivation index of each network (allocated under this row's lock).
CREATE TABLE address_counter (
    network    VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    next_index INT         NOT NULL,
    PRIMARY KEY (network)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One deposit address per owner and network: child 0/address_index of the network's xpub.
CREATE TABLE deposit_address (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    network       VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    address_index INT         NOT NULL,
    owner_ref     VARCHAR(96) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    address       VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    created_at    DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_deposit_address_owner (network, owner_ref),
    UNIQUE KEY uk_deposit_address_index (network, address_index),
    UNIQUE KEY uk_deposit_address (network, address)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The last block the scanner finished on each network (its number and hash: the next block's parent must match).
CREATE TABLE scan_cursor (
    network      VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    block_number BIGINT       NOT NULL,
    block_hash   VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    updated_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (network)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Hashes of the recently scanned blocks: a reorg walks back through them to the fork point.
CREATE TABLE scanned_block (
    network      VARCHAR(32)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    block_number BIGINT       NOT NULL,
    block_hash   VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    PRIMARY KEY (network, block_number)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A transfer into a deposit address; once CONFIRMED it is final and announced once (outbox, same transaction).
CREATE TABLE chain_deposit (
    id                     BIGINT         NOT NULL AUTO_INCREMENT,
    network                VARCHAR(32)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    coin                   VARCHAR(16)    NOT NULL,
    tx_hash                VARCHAR(100)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    log_index              INT            NOT NULL COMMENT '-1: a native coin transfer',
    address                VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    owner_ref              VARCHAR(96)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    from_address           VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    amount                 DECIMAL(36,18) NOT NULL,
    block_number           BIGINT         NOT NULL,
    block_hash             VARCHAR(100)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    confirmations          INT            NOT NULL,
    required_confirmations INT            NOT NULL,
    status                 VARCHAR(16)    NOT NULL COMMENT 'SEEN, CONFIRMED or ORPHANED',
    swept                  TINYINT(1)     NOT NULL DEFAULT 0 COMMENT 'a sweep moved it to the hot wallet',
    seen_at                DATETIME(3)    NOT NULL,
    confirmed_at           DATETIME(3)    NULL,
    updated_at             DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_chain_deposit (network, tx_hash, log_index),
    KEY idx_chain_deposit_scan (network, status, block_number),
    KEY idx_chain_deposit_owner (owner_ref, id),
    KEY idx_chain_deposit_status (status, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- An outgoing transfer, idempotent on the caller's withdrawal_id. nonce: assigned once, so at most one of its
-- transactions (the first and any fee replacements, withdrawal_tx) can ever be mined.
CREATE TABLE chain_withdrawal (
    id             BIGINT         NOT NULL AUTO_INCREMENT,
    withdrawal_id  VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    network        VARCHAR(32)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    coin           VARCHAR(16)    NOT NULL,
    to_address     VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    amount         DECIMAL(36,18) NOT NULL,
    status         VARCHAR(16)    NOT NULL COMMENT 'QUEUED, BROADCAST, CONFIRMED or FAILED',
    from_address   VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    nonce          BIGINT         NULL,
    fee_price      DECIMAL(38,0)  NULL COMMENT 'of the latest transaction sent',
    tx_hash        VARCHAR(100)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL COMMENT 'the mined one, else the latest sent',
    block_number   BIGINT         NULL,
    confirmations  INT            NOT NULL DEFAULT 0,
    failure_reason VARCHAR(64)    NULL,
    last_sent_at   DATETIME(3)    NULL,
    created_at     DATETIME(3)    NOT NULL,
    updated_at     DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_chain_withdrawal (withdrawal_id),
    KEY idx_chain_withdrawal_work (network, status, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every signed transaction of a withdrawal or a sweep step (kept: a re-broadcast sends the same bytes).
CREATE TABLE chain_tx (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    owner_kind VARCHAR(16)   NOT NULL COMMENT 'WITHDRAWAL or SWEEP',
    owner_id   BIGINT        NOT NULL,
    network    VARCHAR(32)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    tx_hash    VARCHAR(100)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    nonce      BIGINT        NOT NULL,
    fee_price  DECIMAL(38,0) NOT NULL,
    raw_tx     MEDIUMTEXT    NOT NULL,
    created_at DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_chain_tx_hash (network, tx_hash),
    KEY idx_chain_tx_owner (owner_kind, owner_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The next nonce of each sending address as we assigned them (reconciled with the node's pending nonce).
CREATE TABLE sender_nonce (
    network    VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    address    VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    next_nonce BIGINT      NOT NULL,
    PRIMARY KEY (network, address)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
