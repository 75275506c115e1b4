-- Message templates per purpose and language. provider_template_code is the template registered at the
-- provider (Aliyun renders its own copy); content is what the log provider writes and the reference text.
CREATE TABLE sms_template (
    id                     BIGINT       NOT NULL AUTO_INCREMENT,
    purpose                VARCHAR(32)  NOT NULL,
    locale                 VARCHAR(8)   NOT NULL,
    provider_template_code VARCHAR(64)  NOT NULL,
    content                VARCHAR(255) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_sms_template (purpose, locale)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

INSERT INTO sms_template (purpose, locale, provider_template_code, content) VALUES
('REGISTER', 'zh-CN', 'SMS_APAY_REGISTER', '【apay】您的注册验证码是 ${code}，${minutes} 分钟内有效。请勿告诉他人。'),
('REGISTER', 'en', 'SMS_APAY_REGISTER_EN', '[apay] Your sign-up code is ${code}. It expires in ${minutes} minutes. Never share it.'),
('LOGIN', 'zh-CN', 'SMS_APAY_LOGIN', '【apay】您的登录验证码是 ${code}，${minutes} 分钟内有效。请勿告诉他人。'),
('LOGIN', 'en', 'SMS_APAY_LOGIN_EN', '[apay] Your login code is ${code}. It expires in ${minutes} minutes. Never share it.'),
('RESET_PASSWORD', 'zh-CN', 'SMS_APAY_RESET', '【apay】您正在重置密码，验证码 ${code}，${minutes} 分钟内有效。'),
('RESET_PASSWORD', 'en', 'SMS_APAY_RESET_EN', '[apay] Your password reset code is ${code}. It expires in ${minutes} minutes.'),
('SENSITIVE_OPERATION', 'zh-CN', 'SMS_APAY_CONFIRM', '【apay】您的操作确认码是 ${code}，${minutes} 分钟内有效。'),
('SENSITIVE_OPERATION', 'en', 'SMS_APAY_CONFIRM_EN', '[apay] Your confirmation code is ${code}. It expires in ${minutes} minutes.');

-- One row per message handed to the provider (the code itself is never stored).
CREATE TABLE sms_send_log (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    phone      VARCHAR(20) NOT NULL,
    purpose    VARCHAR(32) NOT NULL,
    provider   VARCHAR(16) NOT NULL,
    outcome    VARCHAR(8)  NOT NULL,
    client_ip  VARCHAR(45) NULL,
    trace_id   CHAR(32)    NULL,
    created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id),
    KEY idx_sms_send_log_phone (phone, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
