"""Field technicians at the kiosks: one-time maintenance codes for one kiosk, issued by an
admin (kioskctl technician code KIOSK) and used once within CODE_MINUTES; wrong codes are
bounded per kiosk (MAX_WRONG_CODES within LOCK_MINUTES). Every sign-in, refusal and what the
technician did at the kiosk (reported by the kiosk) is a MaintenanceEvent."""

from __future__ import annotations

import base64
import logging
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from central.auth import token_hash
from central.bounded import WRONG_CODE, WrongCodes
from central.errors import ApiError, not_found
from central.hub import Hub
from central.tables import Kiosk, MaintenanceEvent, TechnicianCode
from kiosk.contract import (
    DiagnosticUpload,
    DiagnosticView,
    MaintenanceReport,
    StaffSignIn,
    TechnicianSignIn,
    TechnicianView,
)

log = logging.getLogger(__name__)

CODE_MINUTES = 30
MAX_BUNDLES_A_DAY = 20  # diagnostic bundles a kiosk may upload in 24 hours
MAX_WRONG_CODES = 5
LOCK_MINUTES = 15
CODES = WrongCodes(
    MaintenanceEvent.kiosk_id,
    MaintenanceEvent.outcome,
    MaintenanceEvent.at,
    MAX_WRONG_CODES,
    LOCK_MINUTES,
)


def issue_code(hub: Hub, kiosk_id: str, minutes: int = CODE_MINUTES) -> tuple[str, datetime]:
    code = f"{secrets.randbelow(10**8):08d}"
    expires = hub.now() + timedelta(minutes=minutes)
    with hub.db.write() as session:
        if session.get(Kiosk, kiosk_id) is None:
            raise ApiError(404, "unknown_kiosk", f"no kiosk {kiosk_id} is registered")
        session.add(
            TechnicianCode(code_hash=token_hash(code), kiosk_id=kiosk_id, expires_at=expires)
        )
        _audit(session, hub, kiosk_id, "", "code_issued", "ok")
    return code, expires


def sign_in(hub: Hub, kiosk_id: str, request: TechnicianSignIn) -> TechnicianView:
    """The maintenance session, or ApiError; refusals are committed before the error goes back."""
    now = hub.now()
    refusal: ApiError | None = None
    with hub.db.write() as session:
        if request.card_number:
            refusal = _by_card(session, hub, kiosk_id, request, now)
        elif CODES.locked(session, kiosk_id, now):
            _audit(session, hub, kiosk_id, "", "sign_in", "codes_locked")
            refusal = CODES.locked_error("maintenance_locked")
        else:
            row = session.get(TechnicianCode, token_hash(request.code), with_for_update=True)
            if (
                row is None
                or row.kiosk_id != kiosk_id
                or row.used_at is not None
                or row.expires_at <= now
            ):
                left = CODES.left_after_this(session, kiosk_id, now)
                _audit(session, hub, kiosk_id, "", "sign_in", WRONG_CODE)
                refusal = ApiError(
                    401,
                    "wrong_code",
                    "this code is not valid for this kiosk, was used already or has expired; "
                    f"{left} tries left",
                )
            else:
                row.used_at = now
        if refusal is None:
            name = f"m{secrets.token_hex(8)}"
            _audit(
                session, hub, kiosk_id, name, "sign_in", "ok_card" if request.card_number else "ok"
            )
    if refusal is not None:
        raise refusal
    return TechnicianView(session=name, issued_for=kiosk_id)


def _by_card(
    session: Session, hub: Hub, kiosk_id: str, request: TechnicianSignIn, now: datetime
) -> ApiError | None:
    """A technician's own card and PIN, checked by the staff registry (wrong PINs bounded
    there); a card of a staff member who is not a technician is refused."""
    from central import staff

    member, refusal = staff.by_card(
        session, hub, kiosk_id, StaffSignIn(card_number=request.card_number, pin=request.pin), now
    )
    if refusal is not None:
        _audit(session, hub, kiosk_id, "", "sign_in", f"card_{refusal.code}"[:64])
        return refusal
    assert member is not None
    if member.role != staff.TECHNICIAN:
        _audit(session, hub, kiosk_id, "", "sign_in", "not_technician")
        return ApiError(403, "not_technician", "this card is not a field technician's")
    return None


def record(hub: Hub, kiosk_id: str, report: MaintenanceReport) -> None:
    """A kiosk's own audit trail, kept beside the hub's. What the hub itself vouches for (a
    successful sign-in, a bundle it stored) is told apart: a kiosk's copy of one is kept under
    a name of its own ("kiosk:sign_in"), so that no report can stand in for a sign-in the hub
    checked; refusals and the rest keep their names."""
    with hub.db.write() as session:
        for e in report.events:
            vouched = e.action in (UPLOAD, READ, EXPIRED) or (
                e.action == "sign_in" and e.outcome in SIGNED
            )
            action = f"kiosk:{e.action}" if vouched else e.action
            session.add(
                MaintenanceEvent(
                    kiosk_id=kiosk_id,
                    session=e.session,
                    action=action[:64],
                    outcome=e.outcome,
                    at=e.at,
                )
            )


def events(hub: Hub, kiosk_id: str | None = None, limit: int = 500) -> list[MaintenanceEvent]:
    with hub.db.read() as session:
        query = select(MaintenanceEvent).order_by(MaintenanceEvent.at.desc()).limit(limit)
        if kiosk_id:
            query = query.where(MaintenanceEvent.kiosk_id == kiosk_id)
        rows = session.scalars(query).all()
        session.expunge_all()
        return list(rows)


def _audit(session: Session, hub: Hub, kiosk_id: str, name: str, action: str, outcome: str) -> None:
    session.add(
        MaintenanceEvent(
            kiosk_id=kiosk_id, session=name, action=action, outcome=outcome, at=hub.now()
        )
    )


# -- diagnostic bundles (导出诊断包 sent to the hub) --------------------------------------------
# Kept sealed in the documents' blob store under their id; the audit trail says who sent which
# (action "diagnostics_upload", outcome the bundle's id, outcome of "diagnostics_read" too).
# Kept for settings.diagnostic_bundle_days and no more than settings.diagnostic_bundles_per_kiosk
# per kiosk: an older one's blob is deleted and a "diagnostics_expired" event names it, which
# takes it off the list. The upload's own event stays: the trail keeps who sent what, when.

UPLOAD, READ, EXPIRED = "diagnostics_upload", "diagnostics_read", "diagnostics_expired"
SIGNED = ("ok", "ok_card")  # a sign-in the hub checked (its own rows only; see record)
_BUNDLE_ID = re.compile(r"diag-[0-9a-f]{16}-[0-9]{1,9}")


def store_bundle(hub: Hub, kiosk_id: str, upload: DiagnosticUpload) -> DiagnosticView:
    """Keep one bundle from a kiosk in a maintenance session; ApiError when not."""
    data = base64.b64decode(upload.data_base64, validate=True)
    now = hub.now()
    bundle_id = f"diag-{secrets.token_hex(8)}-{len(data)}"  # its size in it: no blob to open
    with hub.db.write() as session:
        offline_today = f"offline-{now.astimezone(hub.tz):%Y%m%d}"
        known = upload.session == offline_today or session.scalar(
            select(func.count())
            .select_from(MaintenanceEvent)
            .where(
                MaintenanceEvent.kiosk_id == kiosk_id,
                MaintenanceEvent.session == upload.session,
                MaintenanceEvent.action == "sign_in",
                MaintenanceEvent.outcome.in_(SIGNED),
            )
        )
        if not known:
            raise ApiError(403, "not_in_maintenance", "no maintenance session by that name here")
        recent = session.scalar(
            select(func.count())
            .select_from(MaintenanceEvent)
            .where(
                MaintenanceEvent.kiosk_id == kiosk_id,
                MaintenanceEvent.action == UPLOAD,
                MaintenanceEvent.at >= now - timedelta(days=1),
            )
        )
        if (recent or 0) >= MAX_BUNDLES_A_DAY:
            raise ApiError(
                429,
                "too_many_bundles",
                f"this kiosk sent {MAX_BUNDLES_A_DAY} diagnostic bundles in a day already",
                headers={"Retry-After": "3600"},
            )
        hub.documents.put(bundle_id, data)
        _audit(session, hub, kiosk_id, upload.session, UPLOAD, bundle_id)
    try:
        expire_bundles(hub, kiosk_id)  # this kiosk's oldest beyond the count go now
    except Exception:  # stored already: a busy database only delays the clean-up (hourly job)
        log.exception(
            "expiring kiosk %s's old diagnostic bundles failed; the hourly job retries", kiosk_id
        )
    return DiagnosticView(
        bundle_id=bundle_id, kiosk_id=kiosk_id, session=upload.session, size=len(data), at=now
    )


def _kept() -> Select[tuple[MaintenanceEvent]]:
    """The uploads' events of the bundles still kept."""
    expired = select(MaintenanceEvent.outcome).where(MaintenanceEvent.action == EXPIRED)
    return select(MaintenanceEvent).where(
        MaintenanceEvent.action == UPLOAD, MaintenanceEvent.outcome.not_in(expired)
    )


def expire_bundles(hub: Hub, kiosk_id: str | None = None) -> list[str]:
    """Delete the bundles past their days or beyond the count per kiosk (the newest are kept),
    of one kiosk or all; their ids. At each upload, and from the hub's periodic jobs."""
    keep = hub.settings.diagnostic_bundles_per_kiosk
    now = hub.now()
    cutoff = now - timedelta(days=hub.settings.diagnostic_bundle_days)
    gone: list[str] = []
    with hub.db.write() as session:
        query = _kept().order_by(
            MaintenanceEvent.kiosk_id, MaintenanceEvent.at.desc(), MaintenanceEvent.id.desc()
        )
        if kiosk_id:
            query = query.where(MaintenanceEvent.kiosk_id == kiosk_id)
        counted: dict[str, int] = {}
        for row in session.scalars(query):
            if not _BUNDLE_ID.fullmatch(row.outcome):
                continue
            counted[row.kiosk_id] = counted.get(row.kiosk_id, 0) + 1
            if counted[row.kiosk_id] > keep or row.at < cutoff:
                gone.append(row.outcome)
                session.add(
                    MaintenanceEvent(
                        kiosk_id=row.kiosk_id,
                        session=row.session,
                        action=EXPIRED,
                        outcome=row.outcome,
                        at=now,
                    )
                )
    # After the commit: a bundle is off the list before its blob goes, never listed without it.
    for bundle_id in gone:
        try:
            hub.documents.delete(bundle_id)
        except OSError as e:
            log.warning("diagnostic bundle %s expired, its blob not deleted: %s", bundle_id, e)
    return gone


def bundles(hub: Hub, kiosk_id: str | None = None) -> list[DiagnosticView]:
    with hub.db.read() as session:
        query = _kept().order_by(MaintenanceEvent.at.desc()).limit(200)
        if kiosk_id:
            query = query.where(MaintenanceEvent.kiosk_id == kiosk_id)
        rows = session.scalars(query).all()
        return [
            DiagnosticView(
                bundle_id=r.outcome,
                kiosk_id=r.kiosk_id,
                session=r.session,
                size=int(r.outcome.rsplit("-", 1)[-1]),
                at=r.at,
            )
            for r in rows
            if _BUNDLE_ID.fullmatch(r.outcome)
        ]


def bundle(hub: Hub, bundle_id: str, reader: str) -> bytes:
    """A bundle's archive for an admin (`reader`), audited; ApiError 404 when there is none."""
    with hub.db.write() as session:
        row = session.scalar(_kept().where(MaintenanceEvent.outcome == bundle_id))
        if row is None:
            raise not_found(
                "no diagnostic bundle with this id (bundles are deleted after some days, "
                "and beyond a number per kiosk)"
            )
        _audit(session, hub, row.kiosk_id, reader[:64] or "admin", READ, bundle_id)
    return hub.documents.get(bundle_id)
