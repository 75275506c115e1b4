-- Identifiers, tokens and keys compare byte for byte (utf8mb4_bin). The schema's utf8mb4_unicode_ci folds case (and
-- accents), so a cashier token matched in any case (its 32 base64url characters lost most of their strength) and
-- merchant or order numbers differing only in case were one.
-- Binary per column, not as the schema's default: free text (names, payee accounts, reasons, remarks, notes) keeps
-- the case-insensitive collation, so searching and sorting it works as people expect; only what is generated or
-- taken as an exact key is binary, and a new identifier column says so itself. Columns that only ever hold the
-- code's own constants (status, channel, coin, currency) stay as they are.
-- Each MODIFY restates the column exactly as V1 created it (type, length, nullability, comment); the unique keys and
-- indexes on these columns are rebuilt with the new collation.

-- an order's numbers and the buyer's cashier token (also what merchant-api-svc and the recon look orders up by)
ALTER TABLE payment_order
    MODIFY order_no          VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY cashier_token     VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'the buyer''s unguessable key to the cashier page',
    MODIFY merchant_no       VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY merchant_order_no VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

-- push-svc's report id and the phone's device and notification ids: a report is de-duplicated by them
ALTER TABLE payment_report
    MODIFY report_id       VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'push-svc''s id of the report',
    MODIFY device_id       VARCHAR(64)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY notification_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

-- the object-storage key of a payee's QR image (storage keys are case-sensitive)
ALTER TABLE ad_channel
    MODIFY qr_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
