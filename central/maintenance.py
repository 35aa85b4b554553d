"""Field technicians at the kiosks: one-time maintenance codes for one kiosk, issued by an
admin (kioskctl technician code KIOSK) and used once within CODE_MINUTES; wrong codes are
bounded per kiosk (MAX_WRONG_CODES within LOCK_MINUTES). Every sign-in, refusal and what the
technician did at the kiosk (reported by the kiosk) is a MaintenanceEvent."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.auth import token_hash
from central.errors import ApiError
from central.hub import Hub
from central.tables import Kiosk, MaintenanceEvent, TechnicianCode
from kiosk.contract import MaintenanceReport, TechnicianView

CODE_MINUTES = 30
MAX_WRONG_CODES = 5
LOCK_MINUTES = 15


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


def sign_in(hub: Hub, kiosk_id: str, code: str) -> TechnicianView:
    """The maintenance session, or ApiError; refusals are committed before the error goes back."""
    now = hub.now()
    refusal: ApiError | None = None
    with hub.db.write() as session:
        wrong = session.scalar(
            select(func.count())
            .select_from(MaintenanceEvent)
            .where(
                MaintenanceEvent.kiosk_id == kiosk_id,
                MaintenanceEvent.outcome == "wrong_code",
                MaintenanceEvent.at >= now - timedelta(minutes=LOCK_MINUTES),
            )
        )
        row = session.get(TechnicianCode, token_hash(code), with_for_update=True)
        if (wrong or 0) >= MAX_WRONG_CODES:
            _audit(session, hub, kiosk_id, "", "sign_in", "codes_locked")
            refusal = ApiError(
                429,
                "maintenance_locked",
                f"too many wrong codes; maintenance sign-in is locked for {LOCK_MINUTES} minutes",
                headers={"Retry-After": str(LOCK_MINUTES * 60)},
            )
        elif (
            row is None
            or row.kiosk_id != kiosk_id
            or row.used_at is not None
            or row.expires_at <= now
        ):
            _audit(session, hub, kiosk_id, "", "sign_in", "wrong_code")
            left = MAX_WRONG_CODES - (wrong or 0) - 1
            refusal = ApiError(
                401,
                "wrong_code",
                "this code is not valid for this kiosk, was used already or has expired; "
                f"{left} tries left",
            )
        else:
            row.used_at = now
            name = f"m{secrets.token_hex(8)}"
            _audit(session, hub, kiosk_id, name, "sign_in", "ok")
    if refusal is not None:
        raise refusal
    return TechnicianView(session=name, issued_for=kiosk_id)


def record(hub: Hub, kiosk_id: str, report: MaintenanceReport) -> None:
    with hub.db.write() as session:
        for e in report.events:
            session.add(
                MaintenanceEvent(
                    kiosk_id=kiosk_id,
                    session=e.session,
                    action=e.action,
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
