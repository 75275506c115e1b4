-- Merchant numbers compare byte for byte (V4), but two merchants whose numbers differ only in case ("M100" and
-- "m100") would be told apart by nobody who reads or types them: an operator, support, a merchant's developer.
-- A unique key on the case-folded number refuses the second one at insert (20002, as for an exact duplicate),
-- race-free, while lookups stay exact.
ALTER TABLE merchant
    ADD COLUMN merchant_no_folded VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin
        AS (LOWER(merchant_no)) STORED COMMENT 'merchant_no in lower case, only for the unique key',
    ADD UNIQUE KEY uk_merchant_no_folded (merchant_no_folded);
