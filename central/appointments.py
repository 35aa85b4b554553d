"""Appointments (预约, §6.1.2): windows, dates and time slots, booking and cancelling.

A booking takes a place with one conditional UPDATE (booked < capacity), which the
database runs atomically: two kiosks racing for the last place cannot both get it.
"""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central.calendar import WorkCalendar
from central.errors import ApiError, not_found
from central.tables import Booking, Slot, now
from kiosk.catalog.model import Catalog
from kiosk.contract import Booking as BookingView
from kiosk.contract import BookingRequest
from kiosk.contract import Slot as SlotView
from kiosk.ids import mask

SANDBOX_TIMES = (
    ("09:00", "10:00"),
    ("10:00", "11:00"),
    ("11:00", "12:00"),
    ("13:30", "14:30"),
    ("14:30", "15:30"),
    ("15:30", "17:00"),
)
SANDBOX_CAPACITY = 3
SANDBOX_WINDOWS = 3
_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # nothing to misread: no 0/O, 1/I


def slot_view(slot: Slot) -> SlotView:
    return SlotView(
        id=str(slot.id),
        window=slot.window,
        onething_id=slot.onething_id,
        day=slot.day,
        start=slot.start,
        end=slot.end,
        capacity=slot.capacity,
        booked=slot.booked,
    )


def booking_view(booking: Booking, slot: Slot) -> BookingView:
    state = "cancelled" if booking.state == "cancelled" else "booked"
    return BookingView(code=booking.code, slot=slot_view(slot), state=state)


def ensure_sandbox_slots(
    session: Session, catalog: Catalog, calendar: WorkCalendar, today: date, days: int = 5
) -> int:
    """Slots for every one-thing on the next `days` working days; how many were added."""
    wanted = [calendar.add_working_days(today, n) for n in range(1, days + 1)]
    have = set(
        session.execute(
            select(Slot.onething_id, Slot.day).where(Slot.day.in_(wanted)).distinct()
        ).all()
    )
    added = 0
    for index, onething in enumerate(catalog.onethings):
        window = f"综合受理窗口 {index % SANDBOX_WINDOWS + 1}"
        for day in wanted:
            if (onething.id, day) in have:
                continue
            for start, end in SANDBOX_TIMES:
                session.add(
                    Slot(
                        window=window,
                        onething_id=onething.id,
                        day=day,
                        start=start,
                        end=end,
                        capacity=SANDBOX_CAPACITY,
                        booked=0,
                    )
                )
                added += 1
    return added


def list_slots(session: Session, onething_id: str, day: date | None, today: date) -> list[SlotView]:
    query = select(Slot).where(Slot.onething_id == onething_id)
    query = query.where(Slot.day == day) if day else query.where(Slot.day > today)
    slots = session.scalars(query.order_by(Slot.day, Slot.start, Slot.window)).all()
    return [slot_view(s) for s in slots]


def book(
    session: Session,
    kiosk_id: str,
    request: BookingRequest,
    applicant_hash: str,
    today: date,
) -> BookingView:
    slot = _slot(session, request.slot_id)
    if slot.onething_id != request.onething_id:
        raise ApiError(
            422,
            "wrong_slot",
            "this time slot is for another one-thing; choose one of its own slots",
        )
    if slot.day <= today:
        raise ApiError(
            409, "slot_past", "this time slot can no longer be booked; choose a later one"
        )
    already = session.scalar(
        select(Booking.code).where(
            Booking.slot_id == slot.id,
            Booking.applicant_hash == applicant_hash,
            Booking.state == "booked",
        )
    )
    if already:
        raise ApiError(
            409, "already_booked", f"this applicant already holds booking {already} for this slot"
        )
    taken = session.execute(
        update(Slot)
        .where(Slot.id == slot.id, Slot.booked < Slot.capacity)
        .values(booked=Slot.booked + 1)
    )
    if taken.rowcount == 0:
        raise ApiError(409, "slot_full", "this time slot is fully booked; choose another one")
    booking = Booking(
        code="YY" + "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8)),
        slot_id=slot.id,
        kiosk_id=kiosk_id,
        applicant_masked=mask(request.applicant.number),
        applicant_hash=applicant_hash,
        applicant_name=request.applicant.name,
        state="booked",
        created_at=now(),
    )
    session.add(booking)
    session.flush()
    session.refresh(slot)
    return booking_view(booking, slot)


def cancel(session: Session, kiosk_id: str, code: str) -> BookingView:
    booking = session.scalars(
        select(Booking).where(Booking.code == code).with_for_update()
    ).one_or_none()
    if booking is None or booking.kiosk_id != kiosk_id:
        raise not_found("no booking with this code was made at this kiosk")
    if booking.state != "cancelled":
        booking.state = "cancelled"
        booking.cancelled_at = now()
        session.execute(
            update(Slot).where(Slot.id == booking.slot_id).values(booked=Slot.booked - 1)
        )
    session.flush()
    slot = session.get_one(Slot, booking.slot_id, populate_existing=True)
    return booking_view(booking, slot)


def _slot(session: Session, slot_id: str) -> Slot:
    slot = session.get(Slot, int(slot_id)) if slot_id.isdigit() and len(slot_id) < 10 else None
    if slot is None:
        raise not_found("there is no time slot with this id; list the slots again")
    return slot
