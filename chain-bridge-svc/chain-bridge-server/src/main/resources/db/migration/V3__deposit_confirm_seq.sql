-- The order in which deposits became CONFIRMED. A deposit's id is given when it is first SEEN, and deposits confirm in
-- another order (networks need different confirmations; a deposit revived after a reorg keeps its old id), so paging
-- the confirmed deposits by id skips one that confirms after a higher id was read. confirm_seq is stamped in the
-- confirming transaction from the one-row counter below; that row's lock is held to commit, so seqs become visible in
-- their order and a reader paging by confirm_seq never skips one (see DepositScanner).
ALTER TABLE chain_deposit
    ADD COLUMN confirm_seq BIGINT NULL COMMENT 'set once, when CONFIRMED: the confirmation order' AFTER confirmed_at,
    ADD UNIQUE KEY uk_chain_deposit_confirm_seq (confirm_seq),
    ADD KEY idx_chain_deposit_confirmed_at (status, confirmed_at);

-- The last confirm_seq given (one row).
CREATE TABLE deposit_confirm_counter (
    id       TINYINT NOT NULL,
    last_seq BIGINT  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Deposits already CONFIRMED keep their id as their seq (in id order, as they were paged until now), and new seqs
-- start above every id. So a reader's cursor stored as an id before this change means the same as a seq: nothing
-- confirmed after it is behind it, and nothing is read again.
UPDATE chain_deposit SET confirm_seq = id WHERE status = 'CONFIRMED';

INSERT INTO deposit_confirm_counter (id, last_seq) SELECT 1, COALESCE(MAX(id), 0) FROM chain_deposit;
