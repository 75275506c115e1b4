-- A deposit is credited at the coin's scale in the ledger (USDT: 6), rounded down; an 18-decimal token (BSC USDT) can
-- carry more decimals, and the dust below the scale stays on chain. amount is what is (or will be) credited,
-- chain_amount what the chain confirmed. A deposit the wallet cannot credit (a coin it does not support, or less than
-- one unit of the coin's scale) ends IGNORED with its reason instead of staying CREDITING for ever.
ALTER TABLE wallet_deposit
    ADD COLUMN chain_amount DECIMAL(36,18) NULL COMMENT 'as confirmed on chain; amount is this at the coin''s scale, rounded down' AFTER amount,
    ADD COLUMN ignored_reason VARCHAR(64) NULL COMMENT 'why an IGNORED deposit is not credited' AFTER last_error,
    MODIFY COLUMN status VARCHAR(16) NOT NULL COMMENT 'CREDITING, CREDITED or IGNORED';

UPDATE wallet_deposit SET chain_amount = amount;

ALTER TABLE wallet_deposit MODIFY COLUMN chain_amount DECIMAL(36,18) NOT NULL COMMENT 'as confirmed on chain; amount is this at the coin''s scale, rounded down';
