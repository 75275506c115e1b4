-- Who may make a delivery's next attempt: an attempt is taken by a conditional UPDATE that sets a lease, and its
-- outcome is written only while it still holds it (attempts = its number), so a redelivery never runs alongside
-- another attempt and a stale attempt's late result is dropped.
ALTER TABLE callback_delivery ADD COLUMN leased_until DATETIME(3) NULL COMMENT 'an attempt is in flight until then' AFTER next_attempt_at;
