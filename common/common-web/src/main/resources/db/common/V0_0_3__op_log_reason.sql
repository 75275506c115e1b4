-- Admin operations record why (required for money moves) and what they changed.
ALTER TABLE op_log
    ADD COLUMN reason       VARCHAR(255) NULL AFTER args,
    ADD COLUMN before_state TEXT         NULL AFTER reason,
    ADD COLUMN after_state  TEXT         NULL AFTER before_state;
