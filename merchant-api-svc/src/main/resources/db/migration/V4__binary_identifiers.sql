-- Identifiers and hashes compare byte for byte (utf8mb4_bin). The schema's utf8mb4_unicode_ci folds case (and
-- accents), so a merchant number in any case found the merchant: its credentials (keys, whitelist) were answered for
-- "m100" as for "M100", and an order or callback reference differing only in case was the same one.
-- Binary per column, not as the schema's default: free text (names, reasons) keeps the case-insensitive collation,
-- so searching and sorting it works as people expect; only what is generated or taken as an exact key is binary,
-- and a new identifier column says so itself. Columns that only hold the code's own constants (status, event_type)
-- stay as they are; the PEM key, signature and payload are never compared by the database.
-- Each MODIFY restates the column exactly as V1/V2 created it (type, length, nullability, comment); the unique keys
-- and indexes on these columns are rebuilt with the new collation.

ALTER TABLE merchant
    MODIFY merchant_no VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

-- a key's fingerprint (hex SHA-256) names the key
ALTER TABLE merchant_key
    MODIFY fingerprint CHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'SHA-256 of the DER key, hex';

ALTER TABLE callback_delivery
    MODIFY notify_id   CHAR(32)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'unique id in the callback body, for the merchant to de-duplicate',
    MODIFY merchant_no VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY order_no    VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
