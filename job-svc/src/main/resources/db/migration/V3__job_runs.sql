-- job-svc: every run of every job (docs/admin.md, "Job runs"). Runs on MySQL 8 and MariaDB 10.11. Times are UTC.
CREATE TABLE job_run (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    job_name      VARCHAR(64)   NOT NULL,
    tick          BIGINT        NOT NULL COMMENT 'epoch millis / the job''s interval; for a day-based job the UTC day''s epoch day',
    run_day       DATE          NULL COMMENT 'the day a day-based job ran for',
    attempt       INT           NOT NULL COMMENT 'the scheduled attempt at this tick (a day-based job retries a day that failed); 0 for a manual run',
    run_trigger   VARCHAR(16)   NOT NULL COMMENT 'SCHEDULED or MANUAL',
    operator_id   VARCHAR(64)   NULL COMMENT 'who started a MANUAL run',
    reason        VARCHAR(255)  NULL COMMENT 'why (MANUAL)',
    replica       VARCHAR(128)  NOT NULL COMMENT 'host name / process id of the job-svc that ran it',
    status        VARCHAR(16)   NOT NULL COMMENT 'RUNNING, OK or FAILED',
    counts        VARCHAR(1024) NULL COMMENT 'what the job reported, a JSON object of name to number',
    error_code    VARCHAR(128)  NULL COMMENT 'FAILED: a short code (the remote''s error code or an exception class), never a message',
    started_at    DATETIME(3)   NOT NULL,
    finished_at   DATETIME(3)   NULL,
    duration_ms   BIGINT        NULL,
    -- one scheduled run per (job, tick, attempt) across replicas, even if Redis forgot the tick's claim and the lock;
    -- NULL (not unique) for manual runs
    scheduled_key VARCHAR(96) AS (CASE WHEN run_trigger = 'SCHEDULED' THEN CONCAT(job_name, '/', tick, '/', attempt) END) STORED,
    PRIMARY KEY (id),
    UNIQUE KEY uk_job_run_scheduled (scheduled_key),
    KEY idx_job_run_job_tick (job_name, tick),
    KEY idx_job_run_job_status (job_name, status, started_at),
    KEY idx_job_run_job_id (job_name, id),
    KEY idx_job_run_status (status, id),
    KEY idx_job_run_started (started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
