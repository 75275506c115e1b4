-- The platform's own token, the reward coin of collateral-mining products (docs/wealth.md).
INSERT INTO ledger_coin (code, scale, enabled, created_at) VALUES ('APAY', 8, 1, UTC_TIMESTAMP(3));
