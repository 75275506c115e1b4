-- job-svc: the cross-service reconciliation's runs and what each found (docs/reconciliation.md).
-- Runs on MySQL 8 and MariaDB 10.11. Times are UTC.

CREATE TABLE recon_run (
    id                BIGINT       NOT NULL AUTO_INCREMENT,
    run_trigger       VARCHAR(64)  NOT NULL COMMENT 'schedule, or operator:<id> for a run started through the admin API',
    ok                TINYINT(1)   NOT NULL COMMENT '1: everything read and no discrepancy',
    discrepancy_count BIGINT       NOT NULL,
    window_from       DATETIME(3)  NOT NULL COMMENT 'orders that ended in [window_from, window_to) were checked',
    window_to         DATETIME(3)  NOT NULL,
    started_at        DATETIME(3)  NOT NULL,
    finished_at       DATETIME(3)  NOT NULL,
    ads_checked       BIGINT       NOT NULL,
    acceptors_checked BIGINT       NOT NULL,
    orders_checked    BIGINT       NOT NULL,
    holds_checked     BIGINT       NOT NULL,
    error_message     VARCHAR(512) NULL COMMENT 'why the run could not read everything (then nothing was checked)',
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The discrepancies of a run (its first 1000; recon_run.discrepancy_count counts them all).
CREATE TABLE recon_discrepancy (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    run_id     BIGINT        NOT NULL,
    check_name VARCHAR(32)   NOT NULL COMMENT 'AD_HOLD, ORPHAN_HOLD, SETTLEMENT, CALLBACK, MARGIN or STUCK_INTENT',
    subject    VARCHAR(128)  NOT NULL COMMENT 'ad:<id>, hold:<id>, order:<orderNo>, acceptor:<userId>',
    detail     VARCHAR(1024) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_recon_discrepancy_run (run_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
