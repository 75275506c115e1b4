-- Identifiers compare byte for byte (utf8mb4_bin). The schema's utf8mb4_unicode_ci folds case (and accents), so a
-- device id, report id or the phone's notification id differing only in case named the same row.
-- Binary per column, not as the schema's default: free text (device names, payer remarks) keeps the case-insensitive
-- collation, so searching and sorting it works as people expect; only what is generated or taken as an exact key is
-- binary, and a new identifier column says so itself. channel, currency and type hold the code's own constants and
-- stay as they are; secret_enc and frame are never compared by the database.
-- Each MODIFY restates the column exactly as V1 created it (type, length, nullability, comment); the unique keys and
-- indexes on these columns are rebuilt with the new collation.

ALTER TABLE monitor_device
    MODIFY device_id VARCHAR(40) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'public id, md_ + 26 random base32 chars';

ALTER TABLE payment_report
    MODIFY report_id       CHAR(36)     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY device_id       VARCHAR(40)  CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY notification_id VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'the phone''s notification id: one report per device and notification';

ALTER TABLE acceptor_message
    MODIFY message_id CHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'the sender''s outbox event id; the monitor acknowledges it';
