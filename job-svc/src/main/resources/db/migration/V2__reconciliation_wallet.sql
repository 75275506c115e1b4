-- The wallet's checks (docs/reconciliation.md): what a run read of wallet-svc, and which checks it left out (a mesh
-- without wallet-svc or chain-bridge-svc); NULL when every check ran.
ALTER TABLE recon_run
    ADD COLUMN deposits_checked    BIGINT       NOT NULL DEFAULT 0 AFTER holds_checked,
    ADD COLUMN withdrawals_checked BIGINT       NOT NULL DEFAULT 0 AFTER deposits_checked,
    ADD COLUMN not_checked         VARCHAR(255) NULL AFTER withdrawals_checked;

-- deposit:<network>:<txHash>:<logIndex> can be longer than 128 characters.
ALTER TABLE recon_discrepancy
    MODIFY check_name VARCHAR(32)  NOT NULL COMMENT 'AD_HOLD, ORPHAN_HOLD, SETTLEMENT, CALLBACK, MARGIN, DEPOSIT, WITHDRAWAL or STUCK_INTENT',
    MODIFY subject    VARCHAR(200) NOT NULL COMMENT 'ad:<id>, hold:<id>, order:<orderNo>, acceptor:<userId>, deposit:<network>:<txHash>:<logIndex>, withdrawal:<no>';
