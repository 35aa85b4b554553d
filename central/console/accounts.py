"""Console users, their sign-in and sessions, and the audit log.

Passwords are kept only as argon2id hashes (argon2-cffi, its defaults: RFC 9106's second
recommended set). A session is a random cookie whose SHA-256 is kept with the user and a CSRF
token that every form and htmx request must carry; both are looked up in the database on every
request. Sign-in attempts are bounded twice: a login locked for LOCK after MAX_FAILURES
wrong passwords in a row, and a client address refused after MAX_CLIENT_FAILURES failures
within WINDOW (whatever logins it tries). An admin may have a TOTP secret (RFC 6238, pyotp):
their session opens nothing until the code is given.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from central.tables import ConsoleAudit, ConsoleSession, ConsoleUser


class Role(enum.StrEnum):
    CLERK = "clerk"  # 部门经办人: one unit's queue
    HEAD = "head"  # 部门负责人: the same, and the unit's figures
    CENTRE = "centre"  # 服务中心工作人员: the kiosks and residents' help requests
    ADMIN = "admin"  # 系统管理员: the fleet, users, audit log
    SUPERVISOR = "supervisor"  # 监督人员: read-only, across every unit


UNIT_ROLES = (Role.CLERK, Role.HEAD)
SESSION_LIFETIME = timedelta(hours=8)  # a working day
IDLE_LIMIT = timedelta(minutes=30)
MAX_FAILURES = 5
LOCK = timedelta(minutes=15)
MAX_CLIENT_FAILURES = 20
WINDOW = timedelta(minutes=15)

_hasher = PasswordHasher()
# Compared against when the login does not exist, so that both take as long.
_DUMMY_HASH = _hasher.hash("not a password of anyone")


class SignInRefused(Exception):
    """Why a sign-in failed, in words the page shows (the same for an unknown login and a
    wrong password)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Who:
    """The signed-in user of a request."""

    user_id: int
    login: str
    display_name: str
    role: Role
    unit: str
    csrf_token: str
    verified: bool
    session_hash: str
    stale: bool = False


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def new_password() -> str:
    return secrets.token_urlsafe(12)


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, login: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=login, issuer_name="一件事 hub")


def add_user(
    session: Session,
    login: str,
    role: Role,
    *,
    password: str,
    unit: str = "",
    display_name: str = "",
    totp_secret: str = "",
    at: datetime,
) -> ConsoleUser:
    if role in UNIT_ROLES and not unit:
        raise ValueError(f"a {role.value} belongs to one unit: give it")
    if role not in UNIT_ROLES:
        unit = ""
    user = ConsoleUser(
        login=login,
        display_name=display_name or login,
        role=role.value,
        unit=unit,
        password_hash=hash_password(password),
        totp_secret=totp_secret,
        created_at=at,
        failed_sign_ins=0,
    )
    session.add(user)
    session.flush()
    return user


def audit(
    session: Session,
    who: Who | None,
    action: str,
    target: str,
    client: str,
    at: datetime,
    *,
    ok: bool = True,
    login: str = "",
) -> None:
    session.add(
        ConsoleAudit(
            at=at,
            user_id=who.user_id if who else None,
            login=(who.login if who else login)[:64],
            action=action,
            target=target[:100],
            client=client[:64],
            ok=ok,
        )
    )


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign_in(
    session: Session, login: str, password: str, client: str, at: datetime
) -> tuple[str, ConsoleUser]:
    """A new session's cookie value and its user, or SignInRefused. The caller commits
    whatever happens: failures are counted and audited too."""
    failures = session.scalar(
        select(func.count())
        .select_from(ConsoleAudit)
        .where(
            ConsoleAudit.client == client[:64],
            ConsoleAudit.action == "sign_in",
            ConsoleAudit.ok.is_(False),
            ConsoleAudit.at > at - WINDOW,
        )
    )
    if (failures or 0) >= MAX_CLIENT_FAILURES:
        audit(session, None, "sign_in", "too_many_from_client", client, at, ok=False, login=login)
        raise SignInRefused("too_many")
    user = session.scalars(
        select(ConsoleUser).where(ConsoleUser.login == login).with_for_update()
    ).one_or_none()
    if user is None:
        _verify(_DUMMY_HASH, password)
        audit(session, None, "sign_in", "unknown_login", client, at, ok=False, login=login)
        raise SignInRefused("wrong")
    if user.locked_until is not None and user.locked_until > at:
        audit(session, None, "sign_in", "locked", client, at, ok=False, login=login)
        raise SignInRefused("locked")
    if user.disabled_at is not None or not _verify(user.password_hash, password):
        user.failed_sign_ins += 1
        if user.failed_sign_ins >= MAX_FAILURES:
            user.locked_until = at + LOCK
            user.failed_sign_ins = 0
        audit(session, None, "sign_in", "wrong_password", client, at, ok=False, login=login)
        raise SignInRefused("wrong")
    user.failed_sign_ins = 0
    user.locked_until = None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    token = secrets.token_urlsafe(32)
    session.add(
        ConsoleSession(
            token_hash=_digest(token),
            user_id=user.id,
            csrf_token=secrets.token_urlsafe(32),
            verified=not user.totp_secret,
            client=client[:64],
            created_at=at,
            last_seen_at=at,
            expires_at=at + SESSION_LIFETIME,
        )
    )
    # Sessions long over are cleared as new ones begin.
    session.execute(delete(ConsoleSession).where(ConsoleSession.expires_at < at - SESSION_LIFETIME))
    return token, user


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def check_totp(session: Session, who: Who, code: str, client: str, at: datetime) -> bool:
    """Marks the session verified when the code is right (a step either side allowed)."""
    user = session.get_one(ConsoleUser, who.user_id, with_for_update=True)
    ok = bool(user.totp_secret) and pyotp.TOTP(user.totp_secret).verify(
        code.strip(), for_time=at, valid_window=1
    )
    if ok:
        row = session.get_one(ConsoleSession, who.session_hash)
        row.verified = True
        user.failed_sign_ins = 0
    else:
        user.failed_sign_ins += 1
        if user.failed_sign_ins >= MAX_FAILURES:
            user.locked_until = at + LOCK
            user.failed_sign_ins = 0
            session.execute(delete(ConsoleSession).where(ConsoleSession.user_id == user.id))
    audit(session, who, "totp", "", client, at, ok=ok)
    return ok


def current(session: Session, token: str, at: datetime) -> Who | None:
    """The user of a session cookie, or None: unknown, expired, idle too long, or its user
    disabled."""
    if not token or len(token) > 100:
        return None
    row = session.get(ConsoleSession, _digest(token))
    if row is None or row.expires_at <= at or row.last_seen_at + IDLE_LIMIT <= at:
        return None
    user = session.get(ConsoleUser, row.user_id)
    if user is None or user.disabled_at is not None:
        return None
    return Who(
        user_id=user.id,
        login=user.login,
        display_name=user.display_name,
        role=Role(user.role),
        unit=user.unit,
        csrf_token=row.csrf_token,
        verified=row.verified,
        session_hash=row.token_hash,
        # Seen again: written at most once a minute, not a write on every page.
        stale=at - row.last_seen_at > timedelta(minutes=1),
    )


def touch(session: Session, who: Who, at: datetime) -> None:
    row = session.get(ConsoleSession, who.session_hash)
    if row is not None:
        row.last_seen_at = at


def sign_out(session: Session, who: Who) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.token_hash == who.session_hash))


def disable(session: Session, login: str, at: datetime) -> bool:
    """The user can no longer sign in, and their sessions end at once."""
    user = session.scalars(select(ConsoleUser).where(ConsoleUser.login == login)).one_or_none()
    if user is None:
        return False
    user.disabled_at = at
    session.execute(delete(ConsoleSession).where(ConsoleSession.user_id == user.id))
    return True


def csrf_ok(who: Who, given: str | None) -> bool:
    return bool(given) and secrets.compare_digest(who.csrf_token, given or "")
