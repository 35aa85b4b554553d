"""Community staff at the kiosks (帮办): the registry, sign-in by card + PIN or a one-time
code, the audit trail, and residents' help requests.

PINs are short, so they are kept as salted scrypt hashes and guessing is bounded: after
MAX_WRONG_PINS wrong PINs in a row the member is locked for LOCK_MINUTES, and one-time codes
are bounded per kiosk the same way. Every sign-in, refusal and sign-out is a StaffEvent."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.auth import token_hash
from central.bounded import WRONG_CODE, WrongCodes
from central.errors import ApiError
from central.hub import Hub
from central.tables import HelpRequest, StaffCode, StaffEvent, StaffMember, StaffPage
from kiosk.contract import HelpView, StaffSignIn, StaffView

MAX_WRONG_PINS = 5
LOCK_MINUTES = 15
MAX_WRONG_CODES = 5  # per kiosk within LOCK_MINUTES
CODE_MINUTES = 10
OFFLINE_HOURS = 12  # how long a kiosk may let a signed-in card + PIN in without the hub
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
CODES = WrongCodes(
    StaffEvent.kiosk_id, StaffEvent.outcome, StaffEvent.created_at, MAX_WRONG_CODES, LOCK_MINUTES
)
TECHNICIAN = "technician"  # a field technician: signs in to maintenance mode, never as 帮办


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    _, salt, digest = stored.split("$")
    tried = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), dklen=32, **_SCRYPT)
    return hmac.compare_digest(tried.hex(), digest)


def check_pin(pin: str) -> str:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise ValueError("a PIN is 4 to 8 digits")
    return pin


def register(
    hub: Hub, staff_id: str, name: str, centre: str, card_number: str, pin: str, role: str
) -> None:
    with hub.db.write() as session:
        if session.get(StaffMember, staff_id) is not None:
            raise ApiError(409, "staff_exists", f"staff number {staff_id} is registered already")
        card = hub.subject_hash(card_number)
        if session.scalar(select(StaffMember).where(StaffMember.card_hash == card)):
            raise ApiError(409, "card_registered", "this card belongs to another staff member")
        session.add(
            StaffMember(
                id=staff_id,
                name=name,
                service_centre=centre,
                role=role,
                card_hash=card,
                pin_hash=hash_pin(check_pin(pin)),
                enabled=True,
                failed_pins=0,
            )
        )


def set_enabled(hub: Hub, staff_id: str, enabled: bool) -> None:
    with hub.db.write() as session:
        member = _member(session, staff_id)
        member.enabled = enabled
        member.failed_pins = 0
        member.locked_until = None
        _audit(session, hub, staff_id, "", "enable" if enabled else "disable", "ok")


def members(hub: Hub) -> list[StaffMember]:
    with hub.db.read() as session:
        rows = session.scalars(select(StaffMember).order_by(StaffMember.id)).all()
        session.expunge_all()
        return list(rows)


def issue_code(hub: Hub, staff_id: str, minutes: int = CODE_MINUTES) -> tuple[str, datetime]:
    code = f"{secrets.randbelow(10**8):08d}"
    expires = hub.now() + timedelta(minutes=minutes)
    with hub.db.write() as session:
        _member(session, staff_id)
        session.add(StaffCode(code_hash=token_hash(code), staff_id=staff_id, expires_at=expires))
        _audit(session, hub, staff_id, "", "code_issued", "ok")
    return code, expires


def sign_in(hub: Hub, kiosk_id: str, request: StaffSignIn) -> StaffView:
    """The member, or ApiError in words a staff member acts on. Refusals are committed (the
    audit trail and the count of wrong PINs) before the error goes back."""
    now = hub.now()
    refusal: ApiError | None = None
    with hub.db.write() as session:
        if request.code:
            member, refusal = _by_code(session, hub, kiosk_id, request.code, now)
        else:
            member, refusal = by_card(session, hub, kiosk_id, request, now)
        if refusal is None and member is not None and member.role == TECHNICIAN:
            _audit(session, hub, member.id, kiosk_id, "sign_in", "technician")
            refusal = ApiError(
                403, "not_staff", "a technician's card opens maintenance mode, not 帮办"
            )
        elif refusal is None and member is not None:
            _audit(session, hub, member.id, kiosk_id, "sign_in", "ok")
            view = StaffView(
                staff_id=member.id,
                name=member.name,
                role=member.role,
                service_centre=member.service_centre,
                offline_until=now + timedelta(hours=OFFLINE_HOURS),
            )
    if refusal is not None:
        raise refusal
    return view


def sign_out(hub: Hub, kiosk_id: str, staff_id: str, reason: str) -> None:
    with hub.db.write() as session:
        _audit(session, hub, staff_id, kiosk_id, reason, "ok")


def by_card(
    session: Session, hub: Hub, kiosk_id: str, request: StaffSignIn, now: datetime
) -> tuple[StaffMember | None, ApiError | None]:
    """The registry's member with this card and PIN (wrong PINs counted and locked), or the
    refusal; audited in the staff trail. Technicians' cards are in the registry too."""
    card = hub.subject_hash(request.card_number)
    member = session.scalar(
        select(StaffMember).where(StaffMember.card_hash == card).with_for_update()
    )
    if member is None:
        _audit(session, hub, "", kiosk_id, "sign_in", "unknown_card")
        return None, ApiError(
            403, "not_staff", "this card is not registered as staff of a service centre"
        )
    refusal = _usable(session, hub, member, kiosk_id, now)
    if refusal is not None:
        return None, refusal
    if not pin_matches(request.pin, member.pin_hash):
        member.failed_pins += 1
        left = MAX_WRONG_PINS - member.failed_pins
        if left <= 0:
            member.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            member.failed_pins = 0
            _audit(session, hub, member.id, kiosk_id, "sign_in", "locked")
            return None, _locked(LOCK_MINUTES)
        _audit(session, hub, member.id, kiosk_id, "sign_in", "wrong_pin")
        return None, ApiError(401, "wrong_pin", f"wrong PIN; {left} tries left", tries_left=left)
    member.failed_pins = 0
    return member, None


def _by_code(
    session: Session, hub: Hub, kiosk_id: str, code: str, now: datetime
) -> tuple[StaffMember | None, ApiError | None]:
    if CODES.locked(session, kiosk_id, now):
        _audit(session, hub, "", kiosk_id, "sign_in", "codes_locked")
        return None, _locked(LOCK_MINUTES)
    row = session.get(StaffCode, token_hash(code), with_for_update=True)
    if row is None or row.used_at is not None or row.expires_at <= now:
        _audit(session, hub, "", kiosk_id, "sign_in", WRONG_CODE)
        return None, ApiError(
            401, "wrong_code", "this code is not valid, was used already or has expired"
        )
    member = _member(session, row.staff_id)
    refusal = _usable(session, hub, member, kiosk_id, now)
    if refusal is not None:
        return None, refusal
    row.used_at = now
    return member, None


def _usable(
    session: Session, hub: Hub, member: StaffMember, kiosk_id: str, now: datetime
) -> ApiError | None:
    if not member.enabled:
        _audit(session, hub, member.id, kiosk_id, "sign_in", "disabled")
        return ApiError(403, "staff_disabled", "this staff member's sign-in is switched off")
    if member.locked_until is not None and member.locked_until > now:
        _audit(session, hub, member.id, kiosk_id, "sign_in", "locked")
        minutes = max(1, int((member.locked_until - now).total_seconds() // 60) + 1)
        return _locked(minutes)
    return None


def _locked(minutes: int) -> ApiError:
    return ApiError(
        429,
        "staff_locked",
        f"too many wrong tries; sign-in is locked for {minutes} minutes",
        headers={"Retry-After": str(minutes * 60)},
    )


def _member(session: Session, staff_id: str) -> StaffMember:
    member = session.get(StaffMember, staff_id)
    if member is None:
        raise ApiError(404, "not_found", f"no staff member {staff_id}")
    return member


def _audit(
    session: Session, hub: Hub, staff_id: str, kiosk_id: str, action: str, outcome: str
) -> None:
    session.add(
        StaffEvent(
            staff_id=staff_id,
            kiosk_id=kiosk_id,
            action=action,
            outcome=outcome,
            created_at=hub.now(),
        )
    )


def events(hub: Hub, limit: int = 200) -> list[StaffEvent]:
    with hub.db.read() as session:
        rows = session.scalars(select(StaffEvent).order_by(StaffEvent.id.desc()).limit(limit)).all()
        session.expunge_all()
        return list(rows)


# -- help requests ---------------------------------------------------------------------------


def ask_for_help(hub: Hub, kiosk_id: str, screen: str, waited_s: int) -> HelpView:
    help_id = uuid.uuid4().hex
    with hub.db.write() as session:
        session.add(
            HelpRequest(
                id=help_id,
                kiosk_id=kiosk_id,
                screen=screen,
                waited_s=waited_s,
                created_at=hub.now(),
                acknowledged_by="",
            )
        )
    return HelpView(id=help_id, acknowledged=False)


def help_state(hub: Hub, kiosk_id: str, help_id: str) -> HelpView:
    with hub.db.read() as session:
        row = session.get(HelpRequest, help_id)
        if row is None or row.kiosk_id != kiosk_id:
            raise ApiError(404, "not_found", "no such help request from this kiosk")
        return HelpView(
            id=row.id,
            acknowledged=row.acknowledged_at is not None,
            acknowledged_by=row.acknowledged_by,
        )


def open_requests(hub: Hub, hours: int = 12) -> list[HelpRequest]:
    since = hub.now() - timedelta(hours=hours)
    with hub.db.read() as session:
        rows = session.scalars(
            select(HelpRequest)
            .where(HelpRequest.created_at >= since)
            .order_by(HelpRequest.acknowledged_at.is_not(None), HelpRequest.created_at)
        ).all()
        session.expunge_all()
        return list(rows)


def acknowledge(hub: Hub, help_id: str, who: str) -> None:
    with hub.db.write() as session:
        row = session.get(HelpRequest, help_id, with_for_update=True)
        if row is None:
            raise ApiError(404, "not_found", "no such help request")
        if row.acknowledged_at is None:
            row.acknowledged_at = hub.now()
            row.acknowledged_by = who[:100]
            _audit(session, hub, "", row.kiosk_id, "help_acknowledged", "ok")


def new_page(hub: Hub, centre: str) -> str:
    token = secrets.token_urlsafe(24)
    with hub.db.write() as session:
        session.add(StaffPage(token_hash=token_hash(token), service_centre=centre))
    return token


def page_centre(hub: Hub, token: str) -> str:
    with hub.db.read() as session:
        row = session.get(StaffPage, token_hash(token))
        if row is None or row.revoked_at is not None:
            raise ApiError(404, "not_found", "this staff page link is not valid")
        return row.service_centre
