"""Community staff: sign-in at a kiosk, the residents' help requests, and the admin's
registry of staff (central.staff holds the rules)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from central import staff
from central.api.deps import Admin, HubDep, KioskCaller
from central.errors import errors
from central.messages import (
    StaffCodeIssued,
    StaffCreate,
    StaffEventView,
    StaffPageCreate,
    StaffPageCreated,
    StaffSummary,
)
from kiosk.contract import HelpRequestCreate, HelpView, StaffSignIn, StaffSignOut, StaffView

router = APIRouter(tags=["staff"])

StaffId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.-]{1,32}$")]
HelpId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:-]{1,64}$")]


@router.post("/staff/sign-in", responses=errors(401, 403, 429))
def sign_in(body: StaffSignIn, who: KioskCaller, hub: HubDep) -> StaffView:
    """A staff member signs in at this kiosk with their card and PIN, or a one-time code.
    Wrong PINs are bounded: 401 with the tries left, then 429 for a while."""
    return staff.sign_in(hub, who.name, body)


@router.post("/staff/sign-out", status_code=204, response_class=Response, responses=errors())
def sign_out(body: StaffSignOut, who: KioskCaller, hub: HubDep) -> None:
    """For the audit trail: the staff member signed out, or the kiosk ended it when idle."""
    staff.sign_out(hub, who.name, body.staff_id, body.reason)


@router.post("/help", status_code=201, responses=errors())
def ask_for_help(body: HelpRequestCreate, who: KioskCaller, hub: HubDep) -> HelpView:
    """A resident asked for staff at this kiosk (请工作人员帮忙)."""
    return staff.ask_for_help(hub, who.name, body.screen, body.waited_s)


@router.get("/help/{help_id}", responses=errors(404))
def help_state(help_id: HelpId, who: KioskCaller, hub: HubDep) -> HelpView:
    """Whether staff have answered this kiosk's help request."""
    return staff.help_state(hub, who.name, help_id)


@router.post("/admin/staff", status_code=201, responses=errors(409))
def add_staff(body: StaffCreate, _: Admin, hub: HubDep) -> StaffSummary:
    staff.register(
        hub, body.staff_id, body.name, body.service_centre, body.card_number, body.pin, body.role
    )
    return _summary(next(m for m in staff.members(hub) if m.id == body.staff_id))


@router.get("/admin/staff", responses=errors())
def list_staff(_: Admin, hub: HubDep) -> list[StaffSummary]:
    return [_summary(m) for m in staff.members(hub)]


@router.post("/admin/staff/{staff_id}/code", status_code=201, responses=errors(404))
def issue_code(staff_id: StaffId, _: Admin, hub: HubDep) -> StaffCodeIssued:
    """A one-time sign-in code, valid for a few minutes: for a staff member without their
    card, told to them by phone."""
    code, expires = staff.issue_code(hub, staff_id)
    return StaffCodeIssued(staff_id=staff_id, code=code, expires_at=expires)


@router.post(
    "/admin/staff/{staff_id}/enable",
    status_code=204,
    response_class=Response,
    responses=errors(404),
)
def enable(staff_id: StaffId, _: Admin, hub: HubDep) -> None:
    staff.set_enabled(hub, staff_id, True)


@router.post(
    "/admin/staff/{staff_id}/disable",
    status_code=204,
    response_class=Response,
    responses=errors(404),
)
def disable(staff_id: StaffId, _: Admin, hub: HubDep) -> None:
    staff.set_enabled(hub, staff_id, False)


@router.get("/admin/staff-events", responses=errors())
def staff_events(_: Admin, hub: HubDep) -> list[StaffEventView]:
    """The newest 200 sign-ins, refusals, sign-outs and acknowledged help requests."""
    return [
        StaffEventView(
            staff_id=e.staff_id,
            kiosk_id=e.kiosk_id,
            action=e.action,
            outcome=e.outcome,
            created_at=e.created_at,
        )
        for e in staff.events(hub)
    ]


@router.post("/admin/staff-pages", status_code=201, responses=errors())
def new_staff_page(body: StaffPageCreate, _: Admin, hub: HubDep) -> StaffPageCreated:
    """A secret link to the live list of help requests, for the centre's staff."""
    return StaffPageCreated(path=f"/staff/help/{staff.new_page(hub, body.service_centre)}")


def _summary(m) -> StaffSummary:
    return StaffSummary(
        staff_id=m.id,
        name=m.name,
        service_centre=m.service_centre,
        role=m.role,
        enabled=m.enabled,
        locked_until=m.locked_until,
    )
