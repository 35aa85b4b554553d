"""Print jobs: every document is written to the local store, sealed, before it goes to the
printer, and is done only when the printer accepted it.

A job that failed (paper out, cover open, printer offline) keeps its reason and is printed
again, in order, when the printer recovers. Its document may hold personal data, so it is
sealed (AES-GCM, kiosk.sealed) under the job's own key as context, and erased once the job
is done after its session ended, or when the job expires unprinted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.printing.document import Document
from kiosk.sealed import Sealer
from kiosk.store import Store, now_iso

OPEN_STATES = ("pending", "printing", "failed")


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    session_id: str | None
    status: str  # pending / printing / done / failed / expired
    attempts: int
    reason: str | None
    job_key: str


_COLUMNS = "id, kind, session_id, status, attempts, reason, job_key"


class PrintJobs:
    """The print_jobs table. One object per thread (each with its own Store connection)."""

    def __init__(self, store: Store, sealer: Sealer, expiry: timedelta = timedelta(hours=2)):
        self._store = store
        self._sealer = sealer
        self.expiry = expiry

    def submit(
        self, doc: Document, session_id: str | None = None, reprint_of: int | None = None
    ) -> Job:
        """Durable when this returns (the store is synchronous=FULL)."""
        key = uuid.uuid4().hex
        sealed = self._sealer.seal(doc.to_json(), key.encode())
        expires = (datetime.now(UTC) + self.expiry).isoformat(timespec="milliseconds")
        cur = self._store.db.execute(
            "INSERT INTO print_jobs (kind, document, created_at, status, session_id, job_key, "
            "expires_at, reprint_of) VALUES (?, ?, ?, 'pending', ?, ?, ?, ?)",
            (doc.kind, sealed, now_iso(), session_id, key, expires, reprint_of),
        )
        return Job(cur.lastrowid, doc.kind, session_id, "pending", 0, None, key)

    def get(self, job_id: int) -> Job | None:
        row = self._store.db.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE id = ?", (job_id,)
        ).fetchone()
        return Job(*row) if row else None

    def next_open(self) -> Job | None:
        """The oldest job not yet printed (a job found 'printing' was cut short by a crash)."""
        row = self._store.db.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE status IN {OPEN_STATES} "
            "AND (expires_at IS NULL OR expires_at > ?) ORDER BY id LIMIT 1",
            (now_iso(),),
        ).fetchone()
        return Job(*row) if row else None

    def open_jobs(self) -> list[Job]:
        rows = self._store.db.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE status IN {OPEN_STATES} ORDER BY id"
        ).fetchall()
        return [Job(*r) for r in rows]

    def document(self, job: Job) -> Document:
        (sealed,) = self._store.db.execute(
            "SELECT document FROM print_jobs WHERE id = ?", (job.id,)
        ).fetchone()
        return Document.from_json(self._sealer.open(sealed, job.job_key.encode()))

    def printing(self, job: Job) -> None:
        self._store.db.execute(
            "UPDATE print_jobs SET status = 'printing', attempts = attempts + 1 WHERE id = ?",
            (job.id,),
        )

    def done(self, job: Job) -> None:
        # Printed: once its session is over nobody may reprint it, so its content goes.
        self._store.db.execute(
            "UPDATE print_jobs SET status = 'done', done_at = ?, reason = NULL, "
            "document = CASE WHEN session_ended THEN X'' ELSE document END WHERE id = ?",
            (now_iso(), job.id),
        )

    def failed(self, job: Job, reason: str, detail: str = "") -> None:
        self._store.db.execute(
            "UPDATE print_jobs SET status = 'failed', reason = ?, last_error = ? WHERE id = ?",
            (reason, detail[:500], job.id),
        )

    def give_up(self, job: Job, reason: str, detail: str = "") -> None:
        """A job that can never print (its document cannot be read): erased, kept as a row."""
        self._store.db.execute(
            "UPDATE print_jobs SET status = 'expired', reason = ?, last_error = ?, "
            "document = X'' WHERE id = ?",
            (reason, detail[:500], job.id),
        )

    def last_for_session(self, session_id: str) -> Job | None:
        """The session's latest job whose document is still held (for a reprint)."""
        row = self._store.db.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE session_id = ? AND status != 'expired' "
            "AND session_ended = 0 AND length(document) > 0 ORDER BY id DESC LIMIT 1",
            (session_id,),
        ).fetchone()
        return Job(*row) if row else None

    def reprint(self, session_id: str) -> Job | None:
        """A new job for the session's last document; None when there is none."""
        last = self.last_for_session(session_id)
        if last is None:
            return None
        return self.submit(self.document(last), session_id, reprint_of=last.id)

    def end_session(self, session_id: str) -> None:
        """The resident has gone: printed documents are erased now; those still waiting
        for the printer are given up and erased too, since a receipt that prints later
        would land in the next resident's hands (hers can be printed again from 查询打印).
        One on its way to the printer finishes, then is erased."""
        self._store.db.execute(
            "UPDATE print_jobs SET session_ended = 1, "
            "status = CASE WHEN status IN ('pending', 'failed') THEN 'expired' ELSE status END, "
            "document = CASE WHEN status IN ('done', 'expired', 'pending', 'failed') "
            "THEN X'' ELSE document END WHERE session_id = ?",
            (session_id,),
        )

    def expire(self) -> list[Job]:
        """Give up jobs past their expiry; their documents are erased. Returns them."""
        now = now_iso()
        rows = self._store.db.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE status IN {OPEN_STATES} "
            "AND expires_at IS NOT NULL AND expires_at <= ?",
            (now,),
        ).fetchall()
        if rows:
            self._store.db.execute(
                f"UPDATE print_jobs SET status = 'expired', document = X'' "
                f"WHERE status IN {OPEN_STATES} AND expires_at IS NOT NULL AND expires_at <= ?",
                (now,),
            )
        return [Job(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        rows = self._store.db.execute("SELECT status, count(*) FROM print_jobs GROUP BY status")
        base = {s: 0 for s in ("pending", "printing", "done", "failed", "expired")}
        return base | dict(rows.fetchall())
