"""The local number: what a receipt carries when the hub's 受理编号 has not come yet.

L-<kiosk id>-YYYYMMDD-NNNNNN: the kiosk that printed it, its day, and a serial that never
repeats on that kiosk (the outbox's). The number names its kiosk so that two kiosks can never
print the same one, and so that the number alone finds its application on the hub, from
whichever kiosk the resident brings the receipt to. One place makes it, one recognises it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PREFIX = "L-"
# The characters of a kiosk id (kiosk.config.KioskSection.id).
KIOSK_ID = r"[A-Za-z0-9_.-]{1,64}"
# New numbers have six digits of serial. Receipts printed before the serial was the
# outbox's carry four; they are still in residents' hands, so they are still recognised.
_SERIAL_DIGITS = 6
_SERIAL = rf"\d{{4,{_SERIAL_DIGITS}}}"
# The pattern of the API contract (kiosk.contract.LocalNumber) and of the hub's checks.
LOCAL_NUMBER = rf"{PREFIX}{KIOSK_ID}-\d{{8}}-{_SERIAL}"
SHAPE = "L-<kiosk id>-YYYYMMDD-NNNNNN"

# The kiosk id may hold dashes itself: the day and the serial are the last two parts.
_PARTS = re.compile(rf"{PREFIX}(?P<kiosk>{KIOSK_ID})-(?P<day>\d{{8}})-(?P<serial>{_SERIAL})")
_KIOSK_ID = re.compile(KIOSK_ID)


@dataclass(frozen=True)
class LocalNumber:
    kiosk_id: str
    day: str  # YYYYMMDD, as printed
    serial: int


def make_local_number(kiosk_id: str, day: date, serial: int) -> str:
    """The number for the outbox entry `serial`, written on `day` (the kiosk's local day)."""
    if not _KIOSK_ID.fullmatch(kiosk_id):
        raise ValueError(f"a kiosk id is 1 to 64 of A-Z a-z 0-9 _ . -, not {kiosk_id!r}")
    if serial < 0:
        raise ValueError("the serial of a local number cannot be negative")
    # The serial wraps after a million receipts: with the day beside it, that is unique
    # for any kiosk that prints fewer than a million in a day.
    return f"{PREFIX}{kiosk_id}-{day:%Y%m%d}-{serial % 10**_SERIAL_DIGITS:0{_SERIAL_DIGITS}d}"


def read_local_number(text: str) -> LocalNumber | None:
    """The parts of a local number, or None when `text` is not one (an acceptance number)."""
    m = _PARTS.fullmatch(text)
    if m is None:
        return None
    return LocalNumber(m["kiosk"], m["day"], int(m["serial"]))


def is_local_number(text: str, kiosk_id: str | None = None) -> bool:
    """Whether `text` is a local number; with `kiosk_id`, one printed by that kiosk."""
    number = read_local_number(text)
    return number is not None and (kiosk_id is None or number.kiosk_id == kiosk_id)
