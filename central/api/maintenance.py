"""Field technicians: one-time maintenance codes, sign-in at a kiosk, the audit trail."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from central import maintenance
from central.api.deps import Admin, HubDep, KioskCaller
from central.errors import errors
from kiosk.contract import (
    DiagnosticUpload,
    DiagnosticView,
    MaintenanceEventView,
    MaintenanceReport,
    TechnicianCodeIssued,
    TechnicianSignIn,
    TechnicianView,
)

router = APIRouter(tags=["maintenance"])

KioskId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]


@router.post("/maintenance/sign-in", responses=errors(401, 403, 429))
def sign_in(body: TechnicianSignIn, who: KioskCaller, hub: HubDep) -> TechnicianView:
    """A technician enters maintenance mode at this kiosk with a one-time code, or with their
    own card and PIN."""
    return maintenance.sign_in(hub, who.name, body)


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


@router.post("/maintenance/diagnostics", status_code=201, responses=errors(403, 413, 429))
def upload_diagnostics(body: DiagnosticUpload, who: KioskCaller, hub: HubDep) -> DiagnosticView:
    """导出诊断包: this kiosk's diagnostic archive (no personal data), from a maintenance
    session; kept sealed, bounded in size and in number a day, and audited."""
    return maintenance.store_bundle(hub, who.name, body)


@router.get("/admin/diagnostics", responses=errors())
def diagnostics(
    _: Admin, hub: HubDep, kiosk_id: Annotated[str | None, Query(max_length=64)] = None
) -> list[DiagnosticView]:
    return maintenance.bundles(hub, kiosk_id)


@router.get(
    "/admin/diagnostics/{bundle_id}",
    response_class=Response,
    responses={
        200: {"description": "The archive", "content": {"application/gzip": {}}},
        **errors(404),
    },
)
def diagnostic_bundle(
    bundle_id: Annotated[str, Path(pattern=r"^diag-[0-9a-f]{16}-[0-9]{1,9}$")],
    who: Admin,
    hub: HubDep,
) -> Response:
    """One diagnostic archive; every read is in the maintenance audit trail."""
    data = maintenance.bundle(hub, bundle_id, f"admin:{who.name}")
    return Response(
        data,
        media_type="application/gzip",
        headers={"Content-Disposition": f'attachment; filename="{bundle_id}.tar.gz"'},
    )
