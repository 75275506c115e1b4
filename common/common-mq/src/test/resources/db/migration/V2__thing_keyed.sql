-- a consumer that is its own mark (EventInbox.consumeKeyed): the event id is the row's unique key
CREATE TABLE thing_keyed (
    event_id CHAR(36)    NOT NULL,
    name     VARCHAR(64) NOT NULL,
    trace_id CHAR(32)    NULL,
    PRIMARY KEY (event_id)
) ENGINE = InnoDB;
