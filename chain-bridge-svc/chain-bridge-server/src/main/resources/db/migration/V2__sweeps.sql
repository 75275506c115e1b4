-- Sweeping: moving confirmed token deposits from deposit addresses to the hot wallet. A step is either a gas top-up
-- (hot wallet -> deposit address, native coin) or the sweep itself (deposit address -> hot wallet, the token); one
-- open step per deposit address at a time. Its transactions are in chain_tx (owner_kind SWEEP).
CREATE TABLE chain_sweep (
    id           BIGINT         NOT NULL AUTO_INCREMENT,
    network      VARCHAR(32)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    kind         VARCHAR(8)     NOT NULL COMMENT 'TOPUP or SWEEP',
    address      VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'the deposit address',
    coin         VARCHAR(16)    NOT NULL,
    amount       DECIMAL(36,18) NOT NULL,
    tx_hash      VARCHAR(100)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    status       VARCHAR(8)     NOT NULL COMMENT 'SENT, DONE or FAILED',
    created_at   DATETIME(3)    NOT NULL,
    updated_at   DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    KEY idx_chain_sweep_open (network, status, address)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
