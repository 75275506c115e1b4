-- App users (buyers, acceptors, wallet holders). Passwords as BCrypt hashes; TOTP seeds encrypted (SecretCipher).
CREATE TABLE app_user (
    id                    BIGINT       NOT NULL AUTO_INCREMENT,
    phone                 VARCHAR(20)  NOT NULL,
    password_hash         VARCHAR(100) NOT NULL,
    nickname              VARCHAR(32)  NULL,
    status                VARCHAR(16)  NOT NULL COMMENT 'ACTIVE or FROZEN',
    failed_logins         INT          NOT NULL DEFAULT 0,
    locked_until          DATETIME(3)  NULL,
    totp_enabled          TINYINT(1)   NOT NULL DEFAULT 0,
    totp_secret_enc       VARCHAR(255) NULL COMMENT 'confirmed seed, encrypted',
    totp_pending_secret_enc VARCHAR(255) NULL COMMENT 'seed being bound, until confirmed',
    totp_last_step        BIGINT       NULL COMMENT 'last accepted 30 s time step: a code is never accepted twice',
    created_at            DATETIME(3)  NOT NULL,
    updated_at            DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_app_user_phone (phone)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- App clients sign their requests (docs/app-signature.md). A client may have several valid secrets during a
-- rotation's grace period; each secret is encrypted with the row id as context.
CREATE TABLE app_client (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    key_id     VARCHAR(32) NOT NULL,
    name       VARCHAR(64) NOT NULL,
    enabled    TINYINT(1)  NOT NULL DEFAULT 1,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_app_client_key (key_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE app_client_secret (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    client_id   BIGINT       NOT NULL,
    secret_enc  VARCHAR(255) NOT NULL,
    valid_until DATETIME(3)  NULL COMMENT 'null: valid until rotated',
    created_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY idx_app_client_secret_client (client_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- KYC documents: the file itself is in object storage under storage_key.
CREATE TABLE kyc_document (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    user_id      BIGINT       NOT NULL,
    doc_type     VARCHAR(24)  NOT NULL,
    storage_key  VARCHAR(128) NOT NULL,
    content_type VARCHAR(32)  NOT NULL,
    size_bytes   INT          NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    status       VARCHAR(16)  NOT NULL COMMENT 'SUBMITTED, APPROVED or REJECTED',
    created_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    KEY idx_kyc_document_user (user_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
