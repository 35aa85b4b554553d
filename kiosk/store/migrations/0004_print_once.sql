-- A print job's way to the paper, kept at every step that matters, so that after a crash the
-- kiosk knows which side of each step a job was on:
--   sealed     stored, not a byte sent
--   sending    its first byte is going out: the paper may hold part of it
--   sent       its last part is going out: the paper may hold all of it
--   confirmed  the printer said it printed it
-- and where it may end instead:
--   failed       certainly not printed whole; printed again when the printer recovers
--   not_printed  failed that way too many times; a person may ask again
--   unknown      the last part went out and the printer could not tell; a person decides
--   expired      given up unprinted, its document erased
UPDATE print_jobs SET status = 'sealed' WHERE status = 'pending';
UPDATE print_jobs SET status = 'confirmed' WHERE status = 'done';
-- An older kiosk did not note how far a job it left 'printing' had got: it may be on paper.
UPDATE print_jobs SET status = 'sent' WHERE status = 'printing';
ALTER TABLE print_jobs ADD COLUMN sending_at TEXT;
ALTER TABLE print_jobs ADD COLUMN sent_at TEXT;
DROP INDEX print_jobs_open;
CREATE INDEX print_jobs_open ON print_jobs (status) WHERE status != 'confirmed';

-- Whether the paper may hold part of a job that nothing cut off: if so, the printer feeds and
-- cuts before it prints anything else, so that the piece never joins the next receipt.
CREATE TABLE print_paper (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    partial INTEGER NOT NULL DEFAULT 0,
    job_id  INTEGER,
    since   TEXT
);
INSERT INTO print_paper (id, partial)
SELECT 1, EXISTS (SELECT 1 FROM print_jobs WHERE status = 'sent');
