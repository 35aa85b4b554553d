-- Print jobs belong to a session; their document is sealed under a key of their own context
-- (job_key) and erased once printed after the session ended, or when the job expires.
-- reason: the plain-words message code of the last failure (paper_out, offline, ...).
ALTER TABLE print_jobs ADD COLUMN session_id TEXT;
ALTER TABLE print_jobs ADD COLUMN job_key TEXT NOT NULL DEFAULT '';
ALTER TABLE print_jobs ADD COLUMN reason TEXT;
ALTER TABLE print_jobs ADD COLUMN expires_at TEXT;
ALTER TABLE print_jobs ADD COLUMN session_ended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE print_jobs ADD COLUMN reprint_of INTEGER;
CREATE INDEX print_jobs_session ON print_jobs (session_id);
