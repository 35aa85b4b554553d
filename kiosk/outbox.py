"""The outbox: an application is written durably, sealed, before anything is sent; it leaves
the outbox only when the hub has acknowledged it.

Each entry carries its idempotency key from the moment it is written, so however often it is
sent (a lost reply, a crash mid-request, a restart) the hub makes one application of it.
Once delivered, the personal data is erased from the kiosk: only the acceptance number stays.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.contract import ApplicationSubmit, RatingRequest
from kiosk.sealed import Sealer
from kiosk.store import Store, now_iso

KIND_APPLICATION = "application"
KIND_RATING = "rating"  # 好差评 of an application in this outbox; sent once it has a number


@dataclass(frozen=True)
class Entry:
    id: int
    idempotency_key: str
    kind: str
    attempts: int
    session_id: str | None


@dataclass(frozen=True)
class Delivered:
    id: int
    session_id: str | None
    acceptance_number: str


class Outbox:
    def __init__(self, store: Store, sealer: Sealer) -> None:
        self._store = store
        self._sealer = sealer

    def enqueue(self, submit: ApplicationSubmit, session_id: str | None = None) -> Entry:
        """Durable when this returns (synchronous=FULL): the caller may tell the resident."""
        return self._insert(KIND_APPLICATION, submit.model_dump_json().encode(), session_id)

    def enqueue_rating(
        self, application_entry: int, rating: RatingRequest, session_id: str | None = None
    ) -> Entry:
        """The rating waits here for the application's 受理编号, however long it is offline."""
        body = json.dumps(
            {"application_entry": application_entry, "rating": rating.model_dump(mode="json")}
        ).encode()
        return self._insert(KIND_RATING, body, session_id)

    def _insert(self, kind: str, body: bytes, session_id: str | None) -> Entry:
        """Sealed under its own idempotency key, due at once."""
        key = uuid.uuid4().hex
        cur = self._store.db.execute(
            "INSERT INTO outbox (idempotency_key, kind, payload, created_at, session_id, "
            "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
            (key, kind, self._sealer.seal(body, key.encode()), now_iso(), session_id, now_iso()),
        )
        return Entry(cur.lastrowid, key, kind, 0, session_id)

    def next_serial(self) -> int:
        """The serial the next entry will have: it only grows, over restarts and whatever the
        clock or the time zone does (the day's local numbers are made from it)."""
        (last,) = self._store.db.execute("SELECT coalesce(max(id), 0) FROM outbox").fetchone()
        return last + 1

    def state(self, entry_id: int) -> str | None:
        row = self._store.db.execute(
            "SELECT state FROM outbox WHERE id = ?", (entry_id,)
        ).fetchone()
        return row[0] if row else None

    def due(self, limit: int = 16) -> list[Entry]:
        rows = self._store.db.execute(
            "SELECT id, idempotency_key, kind, attempts, session_id FROM outbox "
            "WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
            "ORDER BY id LIMIT ?",
            (now_iso(), limit),
        ).fetchall()
        return [Entry(*row) for row in rows]

    def next_due_in(self) -> float | None:
        """Seconds until the next pending entry is due (0 if one is due), None if none."""
        row = self._store.db.execute(
            "SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'"
        ).fetchone()
        if row[0] is None:
            return None
        due = datetime.fromisoformat(row[0])
        return max(0.0, (due - datetime.now(UTC)).total_seconds())

    def body(self, entry: Entry) -> bytes:
        """The JSON body to send, unsealed (it never touches the disk unsealed)."""
        (sealed,) = self._store.db.execute(
            "SELECT payload FROM outbox WHERE id = ?", (entry.id,)
        ).fetchone()
        return self._sealer.open(sealed, entry.idempotency_key.encode())

    def delivered(self, entry: Entry, acceptance_number: str) -> Delivered:
        # The hub has it: erase the personal data, keep what the resident may ask about.
        self._store.db.execute(
            "UPDATE outbox SET state = 'delivered', delivered_at = ?, acceptance_number = ?, "
            "payload = X'', last_error = NULL WHERE id = ?",
            (now_iso(), acceptance_number, entry.id),
        )
        return Delivered(entry.id, entry.session_id, acceptance_number)

    def retry_later(self, entry: Entry, error: str, delay_seconds: float) -> None:
        when = datetime.now(UTC) + timedelta(seconds=delay_seconds)
        self._store.db.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
            "WHERE id = ?",
            (error[:500], when.isoformat(timespec="milliseconds"), entry.id),
        )

    def refused(self, entry: Entry, error: str) -> None:
        """The hub will never take it as it is: keep it for a person to look at."""
        self._store.db.execute(
            "UPDATE outbox SET state = 'refused', attempts = attempts + 1, last_error = ? "
            "WHERE id = ?",
            (error[:500], entry.id),
        )

    def counts(self) -> dict[str, int]:
        rows = self._store.db.execute("SELECT state, count(*) FROM outbox GROUP BY state")
        return {"pending": 0, "delivered": 0, "refused": 0} | dict(rows.fetchall())

    def times(self) -> tuple[str, str]:
        """When the hub last took an entry, and when the oldest entry still pending was
        written (ISO 8601, UTC; "" for none): what `kiosk doctor` says of the outbox."""
        delivered, oldest = self._store.db.execute(
            "SELECT (SELECT max(delivered_at) FROM outbox WHERE state = 'delivered'), "
            "(SELECT min(created_at) FROM outbox WHERE state = 'pending')"
        ).fetchone()
        return delivered or "", oldest or ""

    def acceptance_number(self, entry_id: int) -> str | None:
        row = self._store.db.execute(
            "SELECT acceptance_number FROM outbox WHERE id = ?", (entry_id,)
        ).fetchone()
        return row[0] if row else None
