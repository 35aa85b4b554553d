"""What the QR codes a resident brings to the kiosk say, and how to read them.

The kiosk prints two of them itself (the progress code on an acceptance notice, the booking
code on an appointment slip) and reads a third kind that others issue (the e-business licence,
which carries the enterprise's unified social credit code). One place writes and reads each.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, urlsplit

from kiosk.contract import PROGRESS_TOKEN
from kiosk.ids import InvalidNumber, validate_credit_code

BOOKING_CODE = re.compile(r"^YY[A-Z0-9]{8}$")
_PROGRESS_TOKEN = re.compile(PROGRESS_TOKEN)
# For renders, demos and tests: the shape of a token, and nobody's.
SAMPLE_PROGRESS_TOKEN = "Xq3vT9bLmP2wR7kZ8sNc4dFh"
PROGRESS_PATH = "/p/"
BOOKING_PREFIX = "YJS-BOOKING:"

Kind = Literal["progress", "booking", "licence"]


@dataclass(frozen=True)
class ScannedCode:
    kind: Kind
    value: str  # the progress token, the booking code, or the credit code


def new_progress_token() -> str:
    """The secret an application's progress page is addressed by: 144 random bits, so that
    nobody finds a page by counting acceptance numbers (which follow each other)."""
    return secrets.token_urlsafe(18)


def progress_link(hub_url: str, token: str) -> str:
    """The address printed as a QR code on the acceptance notice: the hub's progress page."""
    return f"{hub_url.rstrip('/')}{PROGRESS_PATH}{token}"


def booking_text(code: str) -> str:
    """The text of the QR code on an appointment slip."""
    return f"{BOOKING_PREFIX}{code}"


_USCC = "[0-9A-HJ-NPQRTUWXY]"
_CREDIT_CODE_IN_TEXT = re.compile(rf"(?<![0-9A-Z]){_USCC}{{2}}\d{{6}}{_USCC}{{10}}")


def read_code(text: str) -> ScannedCode | None:
    """What a scanned QR code is, or None when it is none of the kinds the kiosk knows."""
    text = text.strip()
    if text.startswith(BOOKING_PREFIX):
        code = text[len(BOOKING_PREFIX) :]
        return ScannedCode("booking", code) if BOOKING_CODE.match(code) else None
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and PROGRESS_PATH in parts.path:
        token = parts.path.rsplit(PROGRESS_PATH, 1)[1].strip("/")
        if _PROGRESS_TOKEN.fullmatch(token):
            return ScannedCode("progress", token)
    return _licence(text, parts)


def _licence(text: str, parts) -> ScannedCode | None:
    """E-business licences (电子营业执照) differ by issuer: a URL with the code as a query
    parameter, or text that contains it. Any well-formed credit code in the text will do."""
    candidates = [v for values in parse_qs(parts.query).values() for v in values]
    candidates.append(text.upper())
    for candidate in candidates:
        for match in _CREDIT_CODE_IN_TEXT.finditer(candidate.upper()):
            try:
                return ScannedCode("licence", validate_credit_code(match.group(0)))
            except InvalidNumber:
                continue
    return None
