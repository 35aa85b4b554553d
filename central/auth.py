"""Credentials: the admin token from the settings, kiosk tokens from enrolment, department
tokens from the admin. Only SHA-256 hashes of tokens and enrolment codes are stored.

A token's prefix says whose it is (yk_ kiosk, yd_ department), so that checking one takes
a single indexed look-up.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.errors import ApiError
from central.tables import DepartmentCredential, Kiosk

KIOSK_PREFIX = "yk_"
DEPARTMENT_PREFIX = "yd_"

Kind = Literal["admin", "kiosk", "department"]


@dataclass(frozen=True)
class Principal:
    kind: Kind
    name: str  # the kiosk id, the department's unit, or "admin"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_kiosk_token() -> str:
    return KIOSK_PREFIX + secrets.token_urlsafe(32)


def new_department_token() -> str:
    return DEPARTMENT_PREFIX + secrets.token_urlsafe(32)


def new_enrolment_code() -> str:
    # Grouped for reading aloud or typing on a kiosk's screen keyboard: XXXX-XXXX-XXXX-XXXX.
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    raw = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


class RecentCredentials:
    """Credentials checked in the last minute, so that a kiosk's every heartbeat does not
    cost a database look-up. Only good answers are kept; a token is never revoked today,
    and a revocation would take effect within CACHE_SECONDS."""

    CACHE_SECONDS = 60.0
    MAX_ENTRIES = 10_000

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._seen: dict[str, tuple[Principal, float]] = {}
        self._lock = threading.Lock()

    def get(self, token: str) -> Principal | None:
        key = token_hash(token)
        with self._lock:
            found = self._seen.get(key)
        if found is None or found[1] < self._clock():
            return None
        return found[0]

    def put(self, token: str, principal: Principal) -> None:
        key = token_hash(token)
        with self._lock:
            if len(self._seen) >= self.MAX_ENTRIES:
                self._seen.clear()  # rare; everyone is simply looked up again
            self._seen[key] = (principal, self._clock() + self.CACHE_SECONDS)


def unauthorized(message: str) -> ApiError:
    return ApiError(401, "unauthorized", message, {"WWW-Authenticate": "Bearer"})


def identify(session: Session, token: str, admin_token: str) -> Principal:
    if not token:
        raise unauthorized("send a credential: Authorization: Bearer <token>")
    if admin_token and hmac.compare_digest(token.encode(), admin_token.encode()):
        return Principal("admin", "admin")
    digest = token_hash(token)
    if token.startswith(KIOSK_PREFIX):
        kiosk_id = session.scalar(select(Kiosk.id).where(Kiosk.token_hash == digest))
        if kiosk_id is not None:
            return Principal("kiosk", kiosk_id)
    elif token.startswith(DEPARTMENT_PREFIX):
        unit = session.scalar(
            select(DepartmentCredential.unit).where(DepartmentCredential.token_hash == digest)
        )
        if unit is not None:
            return Principal("department", unit)
    raise unauthorized("this credential is not known to the hub; enrol again or ask the admin")


def require(principal: Principal, *kinds: Kind) -> Principal:
    if principal.kind not in kinds:
        who = {"admin": "the central admin", "kiosk": "a kiosk", "department": "a department"}
        allowed = " or ".join(who[k] for k in kinds)
        raise ApiError(403, "forbidden", f"only {allowed} may do this, not {who[principal.kind]}")
    return principal
