-- The operators' dashboard counts the callbacks delivered today (GET /admin-api/merchant/callbacks/summary):
-- without this index that count reads every DELIVERED row ever written.
CREATE INDEX idx_callback_delivered ON callback_delivery (status, delivered_at);
