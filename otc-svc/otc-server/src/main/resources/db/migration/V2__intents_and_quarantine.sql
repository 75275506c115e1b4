-- The cross-service pattern's intents (docs/development.md) and the quarantine of payable amounts (docs/otc-order.md).

-- A payable amount freed by an ended order stays out of use until free_after: a late or second payment of it must
-- never land on a new order. NULL: held by the open order order_id.
ALTER TABLE payable_amount_slot
    ADD COLUMN free_after DATETIME(3) NULL COMMENT 'NULL: held by order_id; else quarantined until then';

-- When a settlement was last sent to the ledger (only while PAID). NULL: never, so an appeal may cancel the order
-- without voiding its settle key in the ledger. The recovery job retries the oldest attempts first.
-- (Statuses now include the intents: ads OPENING/CLOSING/FAILED, acceptors APPROVING/LEAVING; see the otc-api enums.)
ALTER TABLE payment_order
    ADD COLUMN settle_attempted_at DATETIME(3) NULL COMMENT 'the last settlement call sent to the ledger',
    ADD KEY idx_order_status_updated (status, updated_at),
    ADD KEY idx_order_ad_status (ad_id, status),
    ADD KEY idx_order_acceptor_amount (acceptor_id, payable_amount, created_at);

-- The recovery job finds intents (ads OPENING/CLOSING, acceptors APPROVING/LEAVING) older than a threshold and
-- retries the least recently attempted first, so a few that keep failing never starve the others.
ALTER TABLE acceptor_ad
    ADD COLUMN intent_attempted_at DATETIME(3) NULL COMMENT 'the last ledger call of its OPENING or CLOSING intent',
    ADD KEY idx_ad_status_updated (status, updated_at);
ALTER TABLE acceptor
    ADD COLUMN intent_attempted_at DATETIME(3) NULL COMMENT 'the last ledger call of its APPROVING or LEAVING intent',
    ADD KEY idx_acceptor_status_updated (status, updated_at);
