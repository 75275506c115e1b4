-- What the operators' console needs (docs/admin.md, "otc-svc").

-- An operator's pause of an acceptor: while set, none of its ads is matched (OrderService), its ACTIVE ads were
-- moved to PAUSED with pause_reason BY_OPERATOR, and neither the acceptor's own resume nor presence lifts it; only
-- the operator's resume (which puts back only the BY_OPERATOR ads). NULL: not paused by an operator.
ALTER TABLE acceptor
    ADD COLUMN operator_paused_at DATETIME(3) NULL COMMENT 'NULL: not paused by an operator',
    ADD COLUMN operator_paused_by BIGINT      NULL,
    ADD KEY idx_acceptor_online (online, status);

-- The order search by any of its numbers: merchant order number without the merchant, settle transaction id, and the
-- payment reports' ids (a report names the order it paid or most probably belongs to).
ALTER TABLE payment_order
    ADD KEY idx_order_merchant_order_no (merchant_order_no),
    ADD KEY idx_order_settle_txn (settle_txn_id),
    ADD KEY idx_order_created (created_at);
ALTER TABLE payment_report
    ADD KEY idx_report_report_id (report_id),
    ADD KEY idx_report_notification (notification_id),
    ADD KEY idx_report_order (order_id);
