"""Appointments (预约, §6.1.2) for kiosks: the slots of a one-thing, booking, cancelling."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from central import appointments
from central.api.deps import HubDep, KioskCaller
from central.errors import ApiError, errors
from kiosk.contract import Booking, BookingRequest, Slot

router = APIRouter(prefix="/appointments", tags=["appointments"])


@router.get("/slots", responses=errors())
def slots(
    who: KioskCaller,
    hub: HubDep,
    onething_id: Annotated[str, Query(max_length=64)],
    day: date | None = None,
) -> list[Slot]:
    """The time slots of a one-thing on a day, or on every coming day if none is given."""
    with hub.db.read() as session:
        published = hub.catalogs.current(session)
        if published is None or onething_id not in {o.id for o in published.catalog.onethings}:
            raise ApiError(
                422, "unknown_onething", f"onething_id: there is no one-thing '{onething_id}'"
            )
        return appointments.list_slots(session, onething_id, day, hub.today())


@router.post("", status_code=201, responses=errors(404, 409))
def book(body: BookingRequest, who: KioskCaller, hub: HubDep) -> Booking:
    with hub.db.write() as session:
        return appointments.book(
            session, who.name, body, hub.subject_hash(body.applicant.number), hub.today()
        )


@router.delete("/{code}", responses=errors(404))
def cancel(code: Annotated[str, Path(max_length=16)], who: KioskCaller, hub: HubDep) -> Booking:
    """Cancel a booking made at this kiosk; the place becomes free again."""
    with hub.db.write() as session:
        return appointments.cancel(session, who.name, code)
