-- Merchant payouts: settled coin leaves the platform to a chain address the platform's merchant manager has put on
-- the merchant's payout-address whitelist. wallet-svc moves the money; this service keeps the merchant's side: the
-- whitelist, the durable intent of each payout request, and the callback when the payout ends.

-- The whitelist, per merchant and network. The address is kept as given; address_key is what is compared: an EVM
-- address (0x and 40 hex digits) in lower case, so its EIP-55 mixed-case spelling and its lower-case one are one
-- address; any other address exactly as given (TRON's base58 is case-sensitive).
CREATE TABLE merchant_payout_address (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    merchant_id BIGINT      NOT NULL,
    network     VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    address     VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'as the merchant manager entered it',
    address_key VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'lower case for 0x-hex addresses, else the address',
    created_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_payout_address (merchant_id, network, address_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- One row per payout a merchant asked for, stored REQUESTING before wallet-svc is called (the durable intent of
-- docs/development.md); then the wallet's status (HOLDING ... COMPLETED, FAILED, REJECTED), or REFUSED when the wallet
-- refused the request (its error code is kept, and answered again to a repeat).
CREATE TABLE merchant_payout (
    id              BIGINT         NOT NULL AUTO_INCREMENT,
    merchant_no     VARCHAR(32)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    payout_no       VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'the merchant''s own number: the wallet''s idempotency key with merchant_no',
    network         VARCHAR(32)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    coin            VARCHAR(16)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    to_address      VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    amount          DECIMAL(36, 18) NOT NULL,
    notify_url      VARCHAR(512)   NOT NULL,
    status          VARCHAR(16)    NOT NULL COMMENT 'REQUESTING, a WithdrawalStatus of the wallet, or REFUSED',
    withdrawal_no   VARCHAR(64)    CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL COMMENT 'the wallet''s number of the payout',
    fee             DECIMAL(36, 18) NULL,
    tx_hash         VARCHAR(128)   CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    failure_reason  VARCHAR(255)   NULL,
    refusal_code    INT            NULL COMMENT 'REFUSED: the wallet''s error code',
    refusal_status  INT            NULL COMMENT 'REFUSED: its HTTP status',
    refusal_message VARCHAR(255)   NULL COMMENT 'REFUSED: its message',
    attempted_at    DATETIME(3)    NULL COMMENT 'last call of the wallet while REQUESTING (the recovery retries the oldest first)',
    created_at      DATETIME(3)    NOT NULL,
    updated_at      DATETIME(3)    NOT NULL,
    finished_at     DATETIME(3)    NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_payout_no (merchant_no, payout_no),
    KEY idx_payout_status (status, attempted_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A payout's callback is one per payout and event type, as an order's is one per order and event type.
ALTER TABLE callback_delivery
    ADD COLUMN payout_no VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL AFTER order_no,
    MODIFY event_type VARCHAR(24) NOT NULL
        COMMENT 'ORDER_COMPLETED, ORDER_EXPIRED, ORDER_CANCELLED, ORDER_REFUNDED, PAYOUT_COMPLETED, PAYOUT_FAILED, PAYOUT_REJECTED or TEST',
    ADD UNIQUE KEY uk_callback_payout_event (merchant_no, payout_no, event_type);
