"""Applications: submission (idempotent per kiosk and key), the tasks each one becomes,
acceptance numbers, the kiosk's view of its progress, and ratings.

Each application becomes one task per flow step of its one-thing that handles an item of
the chosen situation, in flow order: the first is ready at once, the others wait for the one
before. Due dates are in working days, each step's counted on from the step before.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from central.calendar import WorkCalendar
from central.catalogs import Published
from central.errors import ApiError, not_found
from central.tables import Application, Counter, Document, Rating, Task
from kiosk.contract import (
    ApplicationState,
    ApplicationSubmit,
    ApplicationView,
    DocumentRef,
    ItemState,
    ItemStatus,
    RatingRequest,
    RatingView,
    TaskState,
)

ITEM_STATE = {
    TaskState.WAITING: ItemState.WAITING,
    TaskState.READY: ItemState.IN_PROGRESS,
    TaskState.CLAIMED: ItemState.IN_PROGRESS,
    TaskState.DONE: ItemState.DONE,
    TaskState.RETURNED: ItemState.RETURNED,
    TaskState.REJECTED: ItemState.REJECTED,
}


@dataclass(frozen=True)
class Prepared:
    """A submission made ready outside any transaction: hashed and its materials decoded."""

    body: ApplicationSubmit
    request_hash: str
    materials: list[bytes]


def prepare(body: ApplicationSubmit) -> Prepared:
    # The hash is of the parsed request, so that a retry is recognised whatever the
    # whitespace or key order of its JSON.
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return Prepared(
        body,
        hashlib.sha256(canonical.encode()).hexdigest(),
        [m.data() for m in body.materials],
    )


def find_replay(
    session: Session, kiosk_id: str, key: str, request_hash: str
) -> ApplicationView | None:
    """The application this key already made, or None; 409 if the key made another one."""
    app = session.scalars(
        select(Application).where(
            Application.kiosk_id == kiosk_id, Application.idempotency_key == key
        )
    ).one_or_none()
    if app is None:
        return None
    if app.request_hash != request_hash:
        raise ApiError(
            409,
            "idempotency_conflict",
            f"this Idempotency-Key was already used for application {app.acceptance_number} "
            "with different content; use a new key for a new application",
        )
    return view(session, app)


def create(
    session: Session,
    *,
    kiosk_id: str,
    key: str,
    prepared: Prepared,
    published: Published,
    calendar: WorkCalendar,
    at: datetime,
    today: date,
) -> ApplicationView:
    body = prepared.body
    onething = next((o for o in published.catalog.onethings if o.id == body.onething_id), None)
    if onething is None:
        raise ApiError(
            422,
            "unknown_onething",
            f"onething_id: there is no one-thing '{body.onething_id}' in the hub's catalog "
            f"(version {published.version}); refresh the kiosk's catalog",
        )
    situation = next((s for s in onething.situations if s.id == body.situation_id), None)
    if situation is None:
        raise ApiError(
            422,
            "unknown_situation",
            f"situation_id: the one-thing '{onething.name}' has no situation "
            f"'{body.situation_id}'; choose one of: "
            + ", ".join(s.id for s in onething.situations),
        )
    limit = situation.time_limit_days or onething.time_limit_days
    app = Application(
        acceptance_number=_next_acceptance_number(session, today),
        kiosk_id=kiosk_id,
        idempotency_key=key,
        request_hash=prepared.request_hash,
        catalog_etag=published.etag,
        onething_id=onething.id,
        situation_id=situation.id,
        applicant_type=body.applicant.subject_type.value,
        applicant_number=body.applicant.number,
        applicant_name=body.applicant.name,
        form=dict(body.form),
        delivery=body.delivery.model_dump(mode="json"),
        accepted_by=body.accepted_by,
        terminal=body.terminal,
        state=ApplicationState.ACCEPTED.value,
        reason="",
        submitted_at=at,
        due_date=calendar.add_working_days(today, limit),
    )
    session.add(app)
    session.flush()
    wanted = set(situation.items)
    due, tasks = today, 0
    for seq, step in enumerate(onething.flow):
        items = [i for i in step.items if i in wanted]
        if not items:
            continue
        due = calendar.add_working_days(due, step.time_limit_days)
        first = tasks == 0
        tasks += 1
        session.add(
            Task(
                application_id=app.id,
                seq=seq,
                step_id=step.id,
                step_name=step.name,
                unit=step.unit,
                items=[{"id": i, "name": onething.item(i).name} for i in items],
                on_fail=step.on_fail.value,
                state=(TaskState.READY if first else TaskState.WAITING).value,
                due_date=due,
                ready_at=at if first else None,
                claimed_by="",
                reason="",
                note="",
            )
        )
    if not tasks:
        raise ApiError(
            422,
            "nothing_to_handle",
            f"situation_id: no flow step of '{onething.name}' handles the items of this "
            "situation; the catalog needs fixing",
        )
    for upload, data in zip(body.materials, prepared.materials, strict=True):
        session.add(
            Document(
                id=uuid.uuid4().hex,
                application_id=app.id,
                kind="material",
                material_id=upload.material_id,
                file_name=upload.file_name,
                content_type=upload.content_type,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                data=data,
                created_at=at,
            )
        )
    session.flush()
    return view(session, app)


def _next_acceptance_number(session: Session, today: date) -> str:
    """YJS-YYYYMMDD-NNNNNN: the local date and the day's running number."""
    name = f"acceptance:{today:%Y%m%d}"
    value = session.execute(
        update(Counter)
        .where(Counter.name == name)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    ).scalar_one_or_none()
    if value is None:
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            value = _first_of_the_day_postgres(session, name)
        else:  # SQLite: writers already take turns, nobody can insert it meanwhile
            session.add(Counter(name=name, value=1))
            session.flush()
            value = 1
    return f"YJS-{today:%Y%m%d}-{value:06d}"


def _first_of_the_day_postgres(session: Session, name: str) -> int:
    from sqlalchemy.dialects.postgresql import insert

    # Two hubs may both start the day's counter: the second one's insert does nothing
    # and its update waits for the first to commit, then counts on from it.
    session.execute(insert(Counter).values(name=name, value=0).on_conflict_do_nothing())
    return session.execute(
        update(Counter)
        .where(Counter.name == name)
        .values(value=Counter.value + 1)
        .returning(Counter.value)
    ).scalar_one()


def owned(session: Session, kiosk_id: str, acceptance_number: str) -> Application:
    """The kiosk's own application; another kiosk's is as good as absent (404)."""
    app = session.scalars(
        select(Application).where(Application.acceptance_number == acceptance_number)
    ).one_or_none()
    if app is None or app.kiosk_id != kiosk_id:
        raise not_found(f"no application {acceptance_number} was submitted from this kiosk")
    return app


def view(session: Session, app: Application) -> ApplicationView:
    tasks = session.scalars(
        select(Task).where(Task.application_id == app.id).order_by(Task.seq)
    ).all()
    documents = session.execute(
        select(Document.id, Document.file_name, Document.content_type, Document.size)
        .where(Document.application_id == app.id, Document.kind == "result")
        .order_by(Document.created_at, Document.id)
    ).all()
    return ApplicationView(
        acceptance_number=app.acceptance_number,
        onething_id=app.onething_id,
        situation_id=app.situation_id,
        state=ApplicationState(app.state),
        submitted_at=app.submitted_at,
        due_date=app.due_date,
        items=[
            ItemStatus(
                item_id=item["id"],
                name=item["name"],
                unit=task.unit,
                state=ITEM_STATE[TaskState(task.state)],
                due_date=task.due_date,
            )
            for task in tasks
            for item in task.items
        ],
        documents=[
            DocumentRef(id=d.id, name=d.file_name, content_type=d.content_type, size=d.size)
            for d in documents
        ],
        reason=app.reason,
    )


def rate(
    session: Session, kiosk_id: str, acceptance_number: str, request: RatingRequest, at: datetime
) -> RatingView:
    app = owned(session, kiosk_id, acceptance_number)
    if session.scalar(select(Rating.id).where(Rating.application_id == app.id)) is not None:
        raise ApiError(
            409, "already_rated", f"application {acceptance_number} has already been rated"
        )
    session.add(
        Rating(
            application_id=app.id,
            level=request.level,
            reasons=list(request.reasons),
            comment=request.comment,
            rated_at=at,
            bad=request.level <= 2,
        )
    )
    session.flush()
    return RatingView(acceptance_number=acceptance_number, level=request.level, rated_at=at)


def decode_document(data_base64: str, field: str) -> bytes:
    try:
        return base64.b64decode(data_base64, validate=True)
    except ValueError:
        raise ApiError(422, "invalid_request", f"{field}: is not valid base64") from None
