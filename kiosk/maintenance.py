"""Maintenance mode's rules, with no I/O: the offline day code and the bound on wrong codes.

The offline day code lets a technician in when the hub cannot be reached: eight digits,
HMAC-SHA256 of the kiosk's id and the day under a per-kiosk secret that the kiosk keeps in a
root-only file and the operator keeps apart (`kioskctl technician day-code` computes the same
code from it, with no hub). It is valid for that day (the kiosk's time zone) only."""

from __future__ import annotations

import hashlib
import hmac
from collections import deque
from collections.abc import Iterable
from datetime import date, datetime, timedelta

MAX_WRONG = 5
LOCK = timedelta(minutes=15)


def day_code(secret: bytes, kiosk_id: str, day: date) -> str:
    mac = hmac.new(secret, f"maintenance|{kiosk_id}|{day.isoformat()}".encode(), hashlib.sha256)
    return f"{int.from_bytes(mac.digest()[:8], 'big') % 10**8:08d}"


def day_code_matches(secret: bytes, kiosk_id: str, day: date, code: str) -> bool:
    return hmac.compare_digest(day_code(secret, kiosk_id, day), code)


class WrongCodes:
    """MAX_WRONG wrong codes within LOCK lock sign-in until the oldest of them is LOCK old."""

    def __init__(self) -> None:
        self._wrong: deque[datetime] = deque()

    @classmethod
    def from_trail(cls, trail: Iterable[tuple[str, str, datetime]], now: datetime) -> WrongCodes:
        """The wrong codes an audit trail of (action, outcome, at), oldest first, holds since
        its last sign-in: a restart (the power pulled on purpose) gives no five tries more.
        One the clock now puts in the future (set back, or read as local time after the
        restart) is left out: it would lock for the clock's error, hours, at every restart."""
        wrong = cls()
        for action, outcome, at in trail:
            if outcome.startswith("wrong_code") and at <= now:
                wrong._wrong.append(at)
            elif action.startswith("sign_in") and outcome.startswith("ok"):
                wrong.clear()
        return wrong

    def _forget(self, now: datetime) -> None:
        # A wrong code "later" than now (the clock set back while running) counts as made
        # now: it locks for LOCK at most, not for the clock's error.
        self._wrong = deque(sorted(min(at, now) for at in self._wrong))
        while self._wrong and now - self._wrong[0] >= LOCK:
            self._wrong.popleft()

    def locked_until(self, now: datetime) -> datetime | None:
        self._forget(now)
        return self._wrong[0] + LOCK if len(self._wrong) >= MAX_WRONG else None

    def wrong(self, now: datetime) -> int:
        """Count one; how many tries are left."""
        self._forget(now)
        self._wrong.append(now)
        return max(0, MAX_WRONG - len(self._wrong))

    def clear(self) -> None:
        self._wrong.clear()
