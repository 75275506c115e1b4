-- Merchants integrate over the RSA-signed merchant API. A merchant may have two valid keys during a rotation.
CREATE TABLE merchant (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    merchant_no  VARCHAR(32)   NOT NULL,
    name         VARCHAR(64)   NOT NULL,
    status       VARCHAR(16)   NOT NULL COMMENT 'ACTIVE or SUSPENDED',
    ip_whitelist VARCHAR(1024) NOT NULL COMMENT 'comma-separated IPs / CIDR blocks the merchant calls from',
    created_at   DATETIME(3)   NOT NULL,
    updated_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_merchant_no (merchant_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE merchant_key (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    merchant_id    BIGINT      NOT NULL,
    public_key_pem TEXT        NOT NULL,
    fingerprint    CHAR(64)    NOT NULL COMMENT 'SHA-256 of the DER key, hex',
    valid_until    DATETIME(3) NULL COMMENT 'null: valid until rotated',
    created_at     DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_merchant_key_merchant (merchant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
