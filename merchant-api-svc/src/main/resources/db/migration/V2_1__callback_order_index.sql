-- The reconciliation looks callbacks up by order number alone (up to 500 at a time).
CREATE INDEX idx_callback_order ON callback_delivery (order_no);
