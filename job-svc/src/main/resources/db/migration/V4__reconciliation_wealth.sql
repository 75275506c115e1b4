-- The wealth check (docs/reconciliation.md): how many wealth products a run compared with the ledger; not_checked
-- may now name the wallet's and the wealth check's reasons together.
ALTER TABLE recon_run
    ADD COLUMN products_checked BIGINT       NOT NULL DEFAULT 0 AFTER withdrawals_checked,
    MODIFY     not_checked      VARCHAR(512) NULL;

ALTER TABLE recon_discrepancy
    MODIFY check_name VARCHAR(32) NOT NULL COMMENT 'AD_HOLD, ORPHAN_HOLD, SETTLEMENT, CALLBACK, MARGIN, DEPOSIT, WITHDRAWAL, WEALTH or STUCK_INTENT';
