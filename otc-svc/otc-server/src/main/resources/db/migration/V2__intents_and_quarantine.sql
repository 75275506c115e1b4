-- The cross-service pattern's intents (docs/development.md) and the quarantine of payable amounts (docs/otc-order.md).

-- A payable amount freed by an EXPIRED or CANCELLED order stays out of use until free_after: a late payment of it
-- must never land on a new order. NULL: held by the open order order_id.
ALTER TABLE payable_amount_slot
    ADD COLUMN free_after DATETIME(3) NULL COMMENT 'NULL: held by order_id; else quarantined until then';

-- When a settlement was last sent to the ledger: an appeal may cancel a paid order only once no attempt can still be
-- in flight (apay.otc.settle-fence), and then only if the ledger has no settlement under the order's key.
ALTER TABLE payment_order
    ADD COLUMN settle_attempted_at DATETIME(3) NULL COMMENT 'the last settlement call sent to the ledger',
    ADD KEY idx_order_status_updated (status, updated_at),
    ADD KEY idx_order_acceptor_amount (acceptor_id, payable_amount, created_at);

-- The recovery job finds intents (ads OPENING/CLOSING, acceptors APPROVING/LEAVING) older than a threshold.
ALTER TABLE acceptor_ad
    ADD KEY idx_ad_status_updated (status, updated_at);
ALTER TABLE acceptor
    ADD KEY idx_acceptor_status_updated (status, updated_at);
