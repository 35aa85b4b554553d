"""A community staff member signed in at the kiosk (帮办), and the card + PIN sign-ins the
hub has confirmed, kept in memory so that staff can still sign in while the hub cannot be
reached — for a bounded time, with wrong PINs bounded as at the hub.

Nothing here is written to disk: a restart forgets the cache, and the hub is asked again."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.ids import mask_name

SELF_SERVICE = "self-service"
MAX_WRONG_PINS = 5
LOCK = timedelta(minutes=15)


@dataclass(frozen=True)
class StaffMember:
    staff_id: str  # 工号
    name: str
    role: str
    service_centre: str

    @property
    def accepted_by(self) -> str:
        """As the application carries it (ApplicationSubmit.accepted_by)."""
        return f"staff:{self.staff_id}"

    def banner(self) -> str:
        """What every screen shows while they are signed in; the name masked, as residents
        see the screen too."""
        return f"帮办：{mask_name(self.name)}（工号 {self.staff_id}）"


@dataclass
class _Cached:
    member: StaffMember
    pin_hash: bytes
    until: datetime
    wrong: int = 0
    locked_until: datetime | None = None


class OfflineSignIns:
    """Card + PIN sign-ins the hub confirmed, by a keyed hash of the card's number."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)  # per process: the hashes mean nothing elsewhere
        self._cards: dict[str, _Cached] = {}

    def _card(self, number: str) -> str:
        return hmac.new(self._key, number.encode(), hashlib.sha256).hexdigest()

    def _pin(self, number: str, pin: str) -> bytes:
        return hashlib.pbkdf2_hmac("sha256", pin.encode(), self._key + number.encode(), 50_000)

    def remember(self, number: str, pin: str, member: StaffMember, until: datetime) -> None:
        self._cards[self._card(number)] = _Cached(member, self._pin(number, pin), until)

    def forget(self, number: str) -> None:
        self._cards.pop(self._card(number), None)

    def recall(self, number: str, pin: str, now: datetime) -> StaffMember | str:
        """The member, or why not in words for the staff member: "unknown" (never confirmed
        here, or too long ago), "locked" or "wrong_pin:<tries left>"."""
        cached = self._cards.get(self._card(number))
        if cached is None or cached.until <= now:
            return "unknown"
        if cached.locked_until is not None and cached.locked_until > now:
            return "locked"
        if not hmac.compare_digest(cached.pin_hash, self._pin(number, pin)):
            cached.wrong += 1
            if cached.wrong >= MAX_WRONG_PINS:
                cached.wrong, cached.locked_until = 0, now + LOCK
                return "locked"
            return f"wrong_pin:{MAX_WRONG_PINS - cached.wrong}"
        cached.wrong = 0
        return cached.member
