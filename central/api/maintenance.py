"""Field technicians: one-time maintenance codes, sign-in at a kiosk, the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from central import maintenance
from central.api.deps import Admin, HubDep, KioskCaller
from central.errors import errors
from kiosk.contract import (
    MaintenanceEventView,
    MaintenanceReport,
    TechnicianCodeIssued,
    TechnicianSignIn,
    TechnicianView,
)

router = APIRouter(tags=["maintenance"])

KioskId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]


@router.post("/maintenance/sign-in", responses=errors(401, 429))
def sign_in(body: TechnicianSignIn, who: KioskCaller, hub: HubDep) -> TechnicianView:
    """A technician enters maintenance mode at this kiosk with a one-time code."""
    return maintenance.sign_in(hub, who.name, body.code)


@router.post("/maintenance/events", status_code=204, response_class=Response, responses=errors())
def report(body: MaintenanceReport, who: KioskCaller, hub: HubDep) -> None:
    """What technicians did at this kiosk (who, what, when)."""
    maintenance.record(hub, who.name, body)


@router.post("/admin/kiosks/{kiosk_id}/technician-code", status_code=201, responses=errors(404))
def issue_code(kiosk_id: KioskId, _: Admin, hub: HubDep) -> TechnicianCodeIssued:
    """A one-time maintenance code for this kiosk, valid for a few minutes."""
    code, expires = maintenance.issue_code(hub, kiosk_id)
    return TechnicianCodeIssued(kiosk_id=kiosk_id, code=code, expires_at=expires)


@router.get("/admin/maintenance-events", responses=errors())
def maintenance_events(
    _: Admin, hub: HubDep, kiosk_id: Annotated[str | None, Query(max_length=64)] = None
) -> list[MaintenanceEventView]:
    return [
        MaintenanceEventView(
            kiosk_id=e.kiosk_id, session=e.session, action=e.action, outcome=e.outcome, at=e.at
        )
        for e in maintenance.events(hub, kiosk_id)
    ]
