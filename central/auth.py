"""Credentials: the admin token from the settings, named admin tokens, kiosk tokens from
enrolment, department tokens from the admin. Only SHA-256 hashes of tokens and enrolment
codes are stored.

A token's prefix says whose it is (yk_ kiosk, yd_ department, ya_ admin), so that checking
one takes a single indexed look-up. Every request makes that look-up: there is no cache of
good answers, because a cache is exactly what would let a revoked token work on in another
hub process (a cached answer saves one primary-key-sized query, no more).

Tokens issued by the hub expire (Settings.token_lifetime_hours) and are renewed by their
holder before then; revocation and rotation take effect with the transaction that makes them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from central.errors import ApiError
from central.tables import AdminCredential, DepartmentCredential, Kiosk, RenewedToken

KIOSK_PREFIX = "yk_"
DEPARTMENT_PREFIX = "yd_"
ADMIN_PREFIX = "ya_"
SETTINGS_ADMIN = "settings"  # Principal.credential of the settings' admin token

# How long a token replaced by renewal keeps working (never past its own expiry): long
# enough for a holder whose renewal reply was lost to try again with the old one.
RENEWAL_OVERLAP = timedelta(minutes=10)

Kind = Literal["admin", "kiosk", "department"]


@dataclass(frozen=True)
class Principal:
    kind: Kind
    name: str  # the kiosk id, the department's unit, or "admin"
    # Which credential: the kiosk id, the department or admin credential's id, or
    # SETTINGS_ADMIN; what revocation and renewal act on.
    credential: str = ""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(kind: Kind) -> str:
    prefix = {"kiosk": KIOSK_PREFIX, "department": DEPARTMENT_PREFIX, "admin": ADMIN_PREFIX}
    return prefix[kind] + secrets.token_urlsafe(32)


def new_kiosk_token() -> str:
    return new_token("kiosk")


def new_department_token() -> str:
    return new_token("department")


def new_enrolment_code() -> str:
    # Grouped for reading aloud or typing on a kiosk's screen keyboard: XXXX-XXXX-XXXX-XXXX.
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    raw = "".join(secrets.choice(alphabet) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def unauthorized(message: str, code: str = "unauthorized") -> ApiError:
    return ApiError(401, code, message, {"WWW-Authenticate": "Bearer"})


_UNKNOWN = "this credential is not known to the hub; enrol again or ask the admin"


@dataclass(frozen=True)
class _Holder:
    """A credential's row, whatever its table."""

    principal: Principal
    token_hash: str | None
    expires_at: datetime | None
    revoked_at: datetime | None


def _kind_of(token: str) -> Kind | None:
    for kind, prefix in (
        ("kiosk", KIOSK_PREFIX),
        ("department", DEPARTMENT_PREFIX),
        ("admin", ADMIN_PREFIX),
    ):
        if token.startswith(prefix):
            return kind  # type: ignore[return-value]
    return None


def _holder(session: Session, kind: Kind, *, digest: str = "", owner: str = "") -> _Holder | None:
    """The credential whose current token has `digest`, or the one named `owner`."""
    if kind == "kiosk":
        k = Kiosk
        where = k.token_hash == digest if digest else k.id == owner
        row = session.execute(
            select(k.id, k.token_hash, k.token_expires_at, k.revoked_at).where(where)
        ).first()
        if row is None or row.token_hash is None:  # not enrolled (again) yet
            return None
        return _Holder(Principal("kiosk", row.id, row.id), *row[1:])
    table = DepartmentCredential if kind == "department" else AdminCredential
    label = table.unit if kind == "department" else table.name
    if digest:
        where = table.token_hash == digest
    elif owner.isdigit():
        where = table.id == int(owner)
    else:
        return None
    row = session.execute(
        select(table.id, label, table.token_hash, table.expires_at, table.revoked_at).where(where)
    ).first()
    if row is None:
        return None
    name = row[1] if kind == "department" else "admin"
    return _Holder(Principal(kind, name, str(row.id)), *row[2:])


def identify(session: Session, token: str, admin_token: str, now: datetime) -> Principal:
    if not token:
        raise unauthorized("send a credential: Authorization: Bearer <token>")
    digest = token_hash(token)
    if admin_token and hmac.compare_digest(token.encode(), admin_token.encode()):
        retired = session.scalar(
            select(AdminCredential.revoked_at).where(AdminCredential.token_hash == digest)
        )
        if retired is not None:
            raise unauthorized(
                "the admin token in the hub's settings was revoked; use a named admin "
                "credential, or put a new token in the settings and restart the hub",
                "credential_revoked",
            )
        return Principal("admin", "admin", SETTINGS_ADMIN)
    kind = _kind_of(token)
    if kind is None:
        raise unauthorized(_UNKNOWN)
    holder = _holder(session, kind, digest=digest)
    if holder is None:
        return _renewed(session, kind, digest, now)
    _check(holder, now)
    return holder.principal


def _renewed(session: Session, kind: Kind, digest: str, now: datetime) -> Principal:
    """A token replaced by renewal a moment ago, still in its overlap."""
    renewed = session.get(RenewedToken, digest)
    if renewed is None or renewed.kind != kind:
        raise unauthorized(_UNKNOWN)
    if renewed.valid_until <= now:
        raise unauthorized(
            "this token was replaced by a renewed one; use the new token", "token_expired"
        )
    holder = _holder(session, kind, owner=renewed.owner)
    if holder is None:
        raise unauthorized(_UNKNOWN)
    if holder.revoked_at is not None:
        raise _revoked()
    return holder.principal


def _check(holder: _Holder, now: datetime) -> None:
    if holder.revoked_at is not None:
        raise _revoked()
    if holder.expires_at is not None and holder.expires_at <= now:
        again = (
            "enrol the kiosk again with a new code from the admin"
            if holder.principal.kind == "kiosk"
            else "ask the admin for a new one"
        )
        raise unauthorized(
            f"this token expired at {holder.expires_at:%Y-%m-%d %H:%M} UTC without being "
            f"renewed; {again}",
            "token_expired",
        )


def _revoked() -> ApiError:
    return unauthorized(
        "this credential was revoked by the central admin; ask the admin for a new one",
        "credential_revoked",
    )


def require(principal: Principal, *kinds: Kind) -> Principal:
    if principal.kind not in kinds:
        who = {"admin": "the central admin", "kiosk": "a kiosk", "department": "a department"}
        allowed = " or ".join(who[k] for k in kinds)
        raise ApiError(403, "forbidden", f"only {allowed} may do this, not {who[principal.kind]}")
    return principal


# -- the life cycle: renewal, rotation, revocation ---------------------------------------------


_Row = Kiosk | DepartmentCredential | AdminCredential


def _row(session: Session, kind: Kind, owner: str) -> _Row:
    """The credential's row, locked for the change."""
    table: type[Kiosk] | type[DepartmentCredential] | type[AdminCredential]
    table = {"kiosk": Kiosk, "department": DepartmentCredential, "admin": AdminCredential}[kind]
    key: str | int = owner if kind == "kiosk" else int(owner)
    row = session.get(table, key, with_for_update=True)
    if row is None:
        raise ApiError(404, "not_found", f"there is no {kind} credential {owner}")
    return row


def _expiry_of(row: _Row) -> datetime | None:
    return row.token_expires_at if isinstance(row, Kiosk) else row.expires_at


def _set_token(row: _Row, digest: str | None, expires: datetime | None) -> None:
    row.token_hash = digest  # type: ignore[assignment]  # None only for a kiosk
    if isinstance(row, Kiosk):
        row.token_expires_at = expires
    else:
        row.expires_at = expires


def forget_renewed(session: Session, kind: Kind, owner: str) -> None:
    """Tokens in their renewal overlap stop too when their credential gets a new token."""
    session.execute(
        delete(RenewedToken).where(RenewedToken.kind == kind, RenewedToken.owner == owner)
    )


def renew(
    session: Session, who: Principal, presented: str, now: datetime, lifetime: timedelta
) -> tuple[str, datetime]:
    """A new token for the holder of `presented` (checked already: `who`). The presented
    token keeps working for RENEWAL_OVERLAP; if it was itself in its overlap, the token that
    replaced it (whose reply never arrived) is dropped instead."""
    if who.credential == SETTINGS_ADMIN:
        raise ApiError(
            409,
            "not_renewable",
            "the admin token in the hub's settings does not expire and is not renewed; "
            "change it in the settings, or use a named admin credential",
        )
    row = _row(session, who.kind, who.credential)
    digest = token_hash(presented)
    # Checked again under the row's lock: a revocation or re-issue may have come between.
    if row.revoked_at is not None:
        raise _revoked()
    if row.token_hash != digest:
        overlap = session.get(RenewedToken, digest)
        if overlap is None or overlap.owner != who.credential or overlap.valid_until <= now:
            raise unauthorized(_UNKNOWN)
    session.execute(delete(RenewedToken).where(RenewedToken.valid_until <= now))
    if row.token_hash == digest:
        expiry = _expiry_of(row)
        until = now + RENEWAL_OVERLAP if expiry is None else min(expiry, now + RENEWAL_OVERLAP)
        session.add(
            RenewedToken(token_hash=digest, kind=who.kind, owner=who.credential, valid_until=until)
        )
    token = new_token(who.kind)
    expires = now + lifetime
    _set_token(row, token_hash(token), expires)
    return token, expires


def rotate(
    session: Session, kind: Kind, owner: str, now: datetime, lifetime: timedelta
) -> tuple[str, datetime]:
    """A new token for a department or admin credential; the old one stops at once."""
    row = _row(session, kind, owner)
    if row.revoked_at is not None:
        raise ApiError(
            409, "credential_revoked", f"{kind} credential {owner} is revoked; issue a new one"
        )
    forget_renewed(session, kind, owner)
    token = new_token(kind)
    expires = now + lifetime
    _set_token(row, token_hash(token), expires)
    return token, expires


def revoke(session: Session, kind: Kind, owner: str, now: datetime) -> datetime:
    """The credential stops at once, in every hub process (each request looks it up)."""
    row = _row(session, kind, owner)
    if row.revoked_at is None:
        row.revoked_at = now
    if isinstance(row, Kiosk):
        row.enrolment_code_hash = None  # nor can it enrol again until the admin re-issues
    # Tokens in their renewal overlap are kept: their owner's revocation refuses them, and
    # says so, where a forgotten token would only be "not known".
    return row.revoked_at
