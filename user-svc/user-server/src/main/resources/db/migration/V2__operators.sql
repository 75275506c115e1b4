-- Operators: the platform's staff, separate from app users. Password (BCrypt) plus mandatory TOTP; an operator
-- is created with a one-time activation code and sets both before the first login.
CREATE TABLE operator (
    id                      BIGINT       NOT NULL AUTO_INCREMENT,
    username                VARCHAR(32)  NOT NULL,
    display_name            VARCHAR(64)  NOT NULL,
    roles                   VARCHAR(128) NOT NULL COMMENT 'comma-separated AdminRole names',
    status                  VARCHAR(24)  NOT NULL COMMENT 'PENDING_ACTIVATION, ACTIVE or DISABLED',
    password_hash           VARCHAR(100) NULL,
    totp_secret_enc         VARCHAR(255) NULL,
    totp_pending_secret_enc VARCHAR(255) NULL,
    totp_last_step          BIGINT       NULL,
    activation_code_hash    CHAR(64)     NULL,
    activation_expires_at   DATETIME(3)  NULL,
    failed_logins           INT          NOT NULL DEFAULT 0,
    locked_until            DATETIME(3)  NULL,
    created_by              BIGINT       NULL,
    created_at              DATETIME(3)  NOT NULL,
    updated_at              DATETIME(3)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_operator_username (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
