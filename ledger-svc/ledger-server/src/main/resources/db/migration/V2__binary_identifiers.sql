-- Keys and identifiers compare byte for byte (utf8mb4_bin). The schema's utf8mb4_unicode_ci folds case (and
-- accents), so an idempotency key differing only in case was the same key (a replay or a 14030 conflict instead of
-- a new transaction), and owners whose ids differ only in case (merchant numbers are owner ids) shared accounts.
-- Binary per column, not as the schema's default: free text (memos, reconciliation reports) keeps the
-- case-insensitive collation, so searching and sorting it works as people expect; only what is taken as an exact key
-- is binary, and a new key column says so itself. owner_type, kind, type, status and coin hold the code's own
-- constants and stay as they are (coin is also a foreign key to ledger_coin.code, which would have to change with it).
-- Each MODIFY restates the column exactly as V1 created it (type, length, nullability); the unique keys and indexes
-- on these columns are rebuilt with the new collation.

ALTER TABLE ledger_account
    MODIFY owner_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

-- request_hash is the hex SHA-256 of the canonical request
ALTER TABLE ledger_txn
    MODIFY idempotency_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY request_hash    CHAR(64)     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY biz_ref         VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;

ALTER TABLE ledger_hold
    MODIFY biz_ref VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
