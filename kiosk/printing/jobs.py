"""Print jobs: every document is written to the local store, sealed, before it goes to the
printer, and each step of its way to the paper is kept before it is taken:

    sealed → sending (first byte) → sent (last part) → confirmed (the printer said so)

so that after a crash a job found 'sending' is certainly not on paper whole (its last part
never left) and is printed again, while one found 'sent' may be, and is never printed again
without a person asking ('unknown'). A job that certainly failed (paper out, cover open, no
connection) keeps its reason and is printed again, in order, when the printer recovers, a
bounded number of times ('not_printed' after that).

Whether the paper may hold part of a job that nothing cut off is kept too (print_paper): the
printer feeds and cuts before anything else, so that the piece never joins the next receipt.

A document may hold personal data, so it is sealed (AES-GCM, kiosk.sealed) under the job's
own key as context, and erased once the job is over after its session ended, or when the job
expires.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from kiosk.printing.document import Document
from kiosk.sealed import Sealer
from kiosk.store import Store, now_iso

OPEN_STATES = ("sealed", "failed")  # waiting for the printer
UNDER_WAY = ("sending", "sent")
OVER = ("confirmed", "unknown", "not_printed", "expired")
STATES = (*OPEN_STATES, *UNDER_WAY, *OVER)


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    session_id: str | None
    status: str  # one of STATES
    attempts: int
    reason: str | None
    job_key: str


_COLUMNS = "id, kind, session_id, status, attempts, reason, job_key"
_ERASE_IF_ENDED = "document = CASE WHEN session_ended THEN X'' ELSE document END"


class PrintJobs:
    """The print_jobs table. One object per thread (each with its own Store connection)."""

    def __init__(self, store: Store, sealer: Sealer, expiry: timedelta = timedelta(hours=2)):
        self._store = store
        self._sealer = sealer
        self.expiry = expiry

    @contextmanager
    def _together(self) -> Iterator[None]:
        db = self._store.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def submit(
        self, doc: Document, session_id: str | None = None, reprint_of: int | None = None
    ) -> Job:
        """Durable when this returns (the store is synchronous=FULL)."""
        key = uuid.uuid4().hex
        sealed = self._sealer.seal(doc.to_json(), key.encode())
        expires = (datetime.now(UTC) + self.expiry).isoformat(timespec="milliseconds")
        cur = self._store.db.execute(
            "INSERT INTO print_jobs (kind, document, created_at, status, session_id, job_key, "
            "expires_at, reprint_of) VALUES (?, ?, ?, 'sealed', ?, ?, ?, ?)",
            (doc.kind, sealed, now_iso(), session_id, key, expires, reprint_of),
        )
        assert cur.lastrowid is not None
        return Job(cur.lastrowid, doc.kind, session_id, "sealed", 0, None, key)

    def get(self, job_id: int) -> Job | None:
        row = self._store.db.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE id = ?", (job_id,)
        ).fetchone()
        return Job(*row) if row else None

    def next_open(self) -> Job | None:
        """The oldest job waiting for the printer."""
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

    # -- the way to the paper --------------------------------------------------------------------

    def recover(self) -> list[Job]:
        """After a start: a job left 'sending' never sent its last part, so it is not on paper
        whole and fails (to print again); one left 'sent' may be on paper: unknown. Returns
        the jobs changed, as they are now."""
        with self._together():
            rows = self._store.db.execute(
                f"SELECT {_COLUMNS} FROM print_jobs WHERE status IN {UNDER_WAY} ORDER BY id"
            ).fetchall()
            self._store.db.execute(
                "UPDATE print_jobs SET reason = 'interrupted', last_error = 'the kiosk stopped "
                "during the job', status = CASE WHEN session_ended THEN 'expired' ELSE 'failed' "
                f"END, {_ERASE_IF_ENDED} WHERE status = 'sending'"
            )
            self._store.db.execute(
                "UPDATE print_jobs SET status = 'unknown', reason = 'may_have_printed', "
                f"last_error = 'the kiosk stopped after the job went out', {_ERASE_IF_ENDED} "
                "WHERE status = 'sent'"
            )
            if rows:
                self._paper(True)
        return [j for j in (self.get(Job(*r).id) for r in rows) if j is not None]

    def attempt(self, job: Job) -> Job:
        """One more try at printing it; the job with its attempts counted."""
        self._store.db.execute(
            "UPDATE print_jobs SET attempts = attempts + 1 WHERE id = ?", (job.id,)
        )
        return replace(job, attempts=job.attempts + 1)

    def sending(self, job: Job) -> None:
        """Its first byte is about to go: the paper may hold part of it from now on."""
        with self._together():
            self._store.db.execute(
                "UPDATE print_jobs SET status = 'sending', sending_at = ? WHERE id = ?",
                (now_iso(), job.id),
            )
            self._paper(True, job.id)

    def sent(self, job: Job) -> None:
        """Its last part is about to go: from now on it may be on paper whole."""
        self._store.db.execute(
            "UPDATE print_jobs SET status = 'sent', sent_at = ? WHERE id = ?",
            (now_iso(), job.id),
        )

    def confirmed(self, job: Job) -> None:
        # Printed, and cut: nothing of it is left on the paper. Once its session is over
        # nobody may reprint it, so its content goes.
        with self._together():
            self._store.db.execute(
                "UPDATE print_jobs SET status = 'confirmed', done_at = ?, reason = NULL, "
                f"{_ERASE_IF_ENDED} WHERE id = ?",
                (now_iso(), job.id),
            )
            self._paper(False)

    def failed(self, job: Job, reason: str, detail: str = "") -> str:
        """Certainly not printed whole: it prints again when the printer recovers, unless
        its resident has gone (then it expires, erased). Returns the status it now has."""
        self._store.db.execute(
            "UPDATE print_jobs SET reason = ?, last_error = ?, "
            "status = CASE WHEN session_ended THEN 'expired' ELSE 'failed' END, "
            f"{_ERASE_IF_ENDED} WHERE id = ?",
            (reason, detail[:500], job.id),
        )
        return self._status(job)

    def not_printed(self, job: Job, reason: str, detail: str = "") -> None:
        """Failed too often to try again by itself; a person may ask for it again."""
        self._store.db.execute(
            "UPDATE print_jobs SET status = 'not_printed', reason = ?, last_error = ?, "
            f"{_ERASE_IF_ENDED} WHERE id = ?",
            (reason, detail[:500], job.id),
        )

    def unknown(self, job: Job, detail: str = "") -> None:
        """The last part went out and the printer could not tell: never printed again
        without a person asking."""
        self._store.db.execute(
            "UPDATE print_jobs SET status = 'unknown', reason = 'may_have_printed', "
            f"last_error = ?, {_ERASE_IF_ENDED} WHERE id = ?",
            (detail[:500], job.id),
        )

    def give_up(self, job: Job, reason: str, detail: str = "") -> None:
        """A job that can never print (its document cannot be read): erased, kept as a row."""
        self._store.db.execute(
            "UPDATE print_jobs SET status = 'expired', reason = ?, last_error = ?, "
            "document = X'' WHERE id = ?",
            (reason, detail[:500], job.id),
        )

    def _status(self, job: Job) -> str:
        row = self._store.db.execute(
            "SELECT status FROM print_jobs WHERE id = ?", (job.id,)
        ).fetchone()
        return row[0] if row else "expired"

    # -- the paper -------------------------------------------------------------------------------

    def paper_partial(self) -> bool:
        """Whether the paper may hold part of a job that nothing cut off."""
        row = self._store.db.execute("SELECT partial FROM print_paper WHERE id = 1").fetchone()
        return bool(row and row[0])

    def paper_cut(self) -> None:
        """The printer fed and cut: whatever was on the paper came off."""
        self._paper(False)

    def _paper(self, partial: bool, job_id: int | None = None) -> None:
        self._store.db.execute(
            "INSERT INTO print_paper (id, partial, job_id, since) VALUES (1, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET partial = excluded.partial, "
            "job_id = excluded.job_id, since = excluded.since",
            (int(partial), job_id, now_iso()),
        )

    # -- reprints and the end of a session ---------------------------------------------------

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
            f"status = CASE WHEN status IN {OPEN_STATES} THEN 'expired' ELSE status END, "
            f"document = CASE WHEN status IN {UNDER_WAY} THEN document ELSE X'' END "
            "WHERE session_id = ?",
            (session_id,),
        )

    def expire(self) -> list[Job]:
        """Give up jobs past their expiry; their documents are erased, and those of jobs
        over by then too (a reprint hours later is no longer hers to ask). Returns the jobs
        given up."""
        now = now_iso()
        rows = self._store.db.execute(
            f"SELECT {_COLUMNS} FROM print_jobs WHERE status IN {OPEN_STATES} "
            "AND expires_at IS NOT NULL AND expires_at <= ?",
            (now,),
        ).fetchall()
        self._store.db.execute(
            "UPDATE print_jobs SET document = X'', "
            f"status = CASE WHEN status IN {OPEN_STATES} THEN 'expired' ELSE status END "
            f"WHERE status NOT IN {UNDER_WAY} AND expires_at IS NOT NULL AND expires_at <= ? "
            "AND length(document) > 0",
            (now,),
        )
        return [Job(*r) for r in rows]

    def counts(self) -> dict[str, int]:
        rows = self._store.db.execute("SELECT status, count(*) FROM print_jobs GROUP BY status")
        return {s: 0 for s in STATES} | dict(rows.fetchall())
