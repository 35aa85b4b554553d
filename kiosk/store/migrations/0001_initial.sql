-- Sessions: what happened at the terminal, never who. Personal data is not kept here.
CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    started_at   TEXT NOT NULL,
    ended_at     TEXT,
    onething_id  TEXT,
    situation_id TEXT,
    outcome      TEXT           -- submitted / abandoned / timed_out / error
);

-- Applications waiting for the hub. Written before anything is sent; delivered only on
-- the hub's acknowledgement. The payload is encrypted by the writer.
CREATE TABLE outbox (
    id                INTEGER PRIMARY KEY,
    idempotency_key   TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL,
    payload           BLOB NOT NULL,
    created_at        TEXT NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_at   TEXT,
    last_error        TEXT,
    delivered_at      TEXT,
    acceptance_number TEXT
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;

-- Print jobs: persisted before they reach the printer, done only when it accepted them.
CREATE TABLE print_jobs (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,      -- acceptance_notice / guide / appointment_slip / result
    document   BLOB NOT NULL,
    created_at TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'pending',  -- pending / printing / done / failed
    attempts   INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    done_at    TEXT
);
CREATE INDEX print_jobs_open ON print_jobs (status) WHERE status != 'done';

-- Audit: who did what, when; detail never holds a full ID number.
CREATE TABLE audit (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,          -- resident / staff:<id> / technician:<id> / system
    event  TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit (at);
