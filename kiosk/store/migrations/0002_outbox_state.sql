-- An outbox entry is pending until the hub acknowledges it (delivered), or until the hub
-- refuses it for good (refused: it needs a person; its payload is kept for them).
ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE outbox ADD COLUMN session_id TEXT;
CREATE INDEX outbox_state ON outbox (state, next_attempt_at);

