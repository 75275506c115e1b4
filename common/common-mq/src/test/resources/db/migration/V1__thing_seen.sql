CREATE TABLE thing_seen (
    id       BIGINT      NOT NULL AUTO_INCREMENT,
    event_id CHAR(36)    NOT NULL,
    name     VARCHAR(64) NOT NULL,
    amount   DECIMAL(36, 18) NOT NULL,
    trace_id CHAR(32)    NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;
