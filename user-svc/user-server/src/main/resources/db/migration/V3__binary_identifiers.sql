-- Identifiers, keys and hashes compare byte for byte (utf8mb4_bin). The schema's utf8mb4_unicode_ci folds case (and
-- accents), so an app client's key id differing only in case found the same client.
-- Binary per column, not as the schema's default: free text (nicknames, names) keeps the case-insensitive collation,
-- so searching and sorting it works as people expect; only what is generated or taken as an exact key is binary, and
-- a new identifier column says so itself.
-- Left case-insensitive on purpose: operator.username is a name people type and read, not a generated key; one
-- operator per name regardless of case keeps look-alike accounts ("Alice" and "alice") out. app_user.phone holds
-- digits only. BCrypt hashes and encrypted secrets are only ever checked or decrypted by the code, never compared
-- by the database.
-- Each MODIFY restates the column exactly as V1/V2 created it (type, length, nullability); the unique keys and
-- indexes on these columns are rebuilt with the new collation.

ALTER TABLE app_client
    MODIFY key_id VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

-- the object-storage key (case-sensitive) and the file's hex SHA-256
ALTER TABLE kyc_document
    MODIFY storage_key VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    MODIFY sha256      CHAR(64)     CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;

-- the hex SHA-256 of the one-time activation code
ALTER TABLE operator
    MODIFY activation_code_hash CHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL;
