"""Department work: a unit's tasks, and claim / complete / return / reject.

Only a ready or claimed task can be acted on. Completing one makes the next step's task
ready; completing the last completes the application. Returning (for correction) or
rejecting (ending, the reason told) does the same to the whole application, as far as the
flow step's on_fail allows.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.applications import decode_document
from central.blobs import BlobStore
from central.errors import ApiError, not_found
from central.tables import Application, Document, Task
from kiosk.application import FINGERPRINT_MATERIAL
from kiosk.contract import (
    ApplicationState,
    DocumentRef,
    FingerprintCheck,
    TaskComplete,
    TaskState,
    TaskView,
)

OPEN = (TaskState.READY.value, TaskState.CLAIMED.value)

_NOT_OPEN = {
    TaskState.WAITING.value: "this task is waiting for an earlier step to finish",
    TaskState.DONE.value: "this task is already done",
    TaskState.RETURNED.value: "this task was returned to the applicant",
    TaskState.REJECTED.value: "this task was rejected",
}


def takes_fingerprint(task: Task) -> bool:
    """One of the task's items takes the applicant's fingerprint (as the catalog said when the
    application came): its department may fetch it and sees the kiosk's 1:1 check."""
    return any(item.get("fingerprint") for item in task.items)


def _materials(session: Session, application_ids: Collection[int]) -> dict[int, list[Document]]:
    """The applications' materials, each's in the order they came: one query for them all, so
    that a list of a thousand tasks does not ask a thousand times."""
    by_application: dict[int, list[Document]] = {i: [] for i in application_ids}
    if not by_application:
        return by_application
    for d in session.scalars(
        select(Document)
        .where(Document.application_id.in_(by_application), Document.kind == "material")
        .order_by(Document.created_at, Document.id)
    ):
        by_application[d.application_id].append(d)
    return by_application


def task_view(
    task: Task, app: Application, session: Session, materials: list[Document] | None = None
) -> TaskView:
    """`materials`: the application's, when the caller loaded them already (list_tasks)."""
    fingerprint = takes_fingerprint(task)
    if materials is None:
        materials = _materials(session, [app.id])[app.id]
    refs = [
        DocumentRef(id=d.id, name=d.file_name, content_type=d.content_type, size=d.size)
        for d in materials
        if fingerprint or d.material_id != FINGERPRINT_MATERIAL
    ]
    return TaskView(
        id=str(task.id),
        acceptance_number=app.acceptance_number,
        onething_id=app.onething_id,
        step_id=task.step_id,
        step_name=task.step_name,
        unit=task.unit,
        items=[i["id"] for i in task.items],
        state=TaskState(task.state),
        due_date=task.due_date,
        claimed_by=task.claimed_by,
        reason=task.reason,
        materials=refs,
        fingerprint_check=(
            FingerprintCheck.model_validate(app.fingerprint_check)
            if fingerprint and app.fingerprint_check
            else None
        ),
    )


def list_tasks(session: Session, unit: str, state: TaskState | None, limit: int) -> list[TaskView]:
    query = select(Task, Application).join(Application).where(Task.unit == unit)
    if state is not None:
        query = query.where(Task.state == state.value)
    rows = session.execute(query.order_by(Task.due_date, Task.id).limit(limit)).all()
    materials = _materials(session, {app.id for _, app in rows})
    return [task_view(task, app, session, materials[app.id]) for task, app in rows]


def claim(session: Session, unit: str, task_id: str, handler: str, at: datetime) -> TaskView:
    task, app = _open_task(session, unit, task_id)
    if task.state == TaskState.CLAIMED.value and task.claimed_by != handler:
        raise ApiError(
            409, "already_claimed", f"this task is already being handled by {task.claimed_by}"
        )
    if task.state == TaskState.READY.value:
        task.state = TaskState.CLAIMED.value
        task.claimed_by = handler
        task.claimed_at = at
    if app.state == ApplicationState.ACCEPTED.value:
        app.state = ApplicationState.IN_PROGRESS.value
    return task_view(task, app, session)


def complete(
    session: Session,
    unit: str,
    task_id: str,
    body: TaskComplete,
    documents: BlobStore,
    at: datetime,
) -> TaskView:
    task, app = _open_task(session, unit, task_id)
    if body.document is not None:
        data = decode_document(body.document.data_base64, "document.data_base64")
        document_id = uuid.uuid4().hex
        documents.put(document_id, data)  # before the row, as an application's materials
        session.add(
            Document(
                id=document_id,
                application_id=app.id,
                task_id=task.id,
                kind="result",
                material_id="",
                file_name=body.document.file_name,
                content_type=body.document.content_type,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                created_at=at,
            )
        )
    task.state = TaskState.DONE.value
    task.finished_at = at
    task.note = body.note
    following = session.scalars(
        select(Task)
        .where(Task.application_id == app.id, Task.seq > task.seq)
        .order_by(Task.seq)
        .limit(1)
        .with_for_update()
    ).first()
    if following is None:
        app.state = ApplicationState.COMPLETED.value
        app.completed_at = at
    else:
        following.state = TaskState.READY.value
        following.ready_at = at
        app.state = ApplicationState.IN_PROGRESS.value
    session.flush()
    return task_view(task, app, session)


def send_back(
    session: Session, unit: str, task_id: str, reason: str, outcome: TaskState, at: datetime
) -> TaskView:
    """Return the application for correction (outcome RETURNED) or end it (REJECTED)."""
    task, app = _open_task(session, unit, task_id)
    allowed = {
        TaskState.RETURNED: ("return", "return_or_end"),
        TaskState.REJECTED: ("end", "return_or_end"),
    }[outcome]
    if task.on_fail not in allowed:
        what = "returned for correction" if outcome == TaskState.RETURNED else "rejected"
        raise ApiError(
            409, "not_allowed_by_flow", f"the catalog's flow does not let this step be {what}"
        )
    task.state = outcome.value
    task.reason = reason
    task.finished_at = at
    app.state = (
        ApplicationState.RETURNED if outcome == TaskState.RETURNED else ApplicationState.REJECTED
    ).value
    app.reason = reason
    session.flush()
    return task_view(task, app, session)


def _open_task(session: Session, unit: str, task_id: str) -> tuple[Task, Application]:
    task = None
    if task_id.isdigit() and len(task_id) < 10:
        task = session.scalars(
            select(Task).where(Task.id == int(task_id)).with_for_update()
        ).one_or_none()
    if task is None or task.unit != unit:
        raise not_found("this department has no task with this id")
    if task.state not in OPEN:
        raise ApiError(409, "task_not_open", _NOT_OPEN[task.state])
    app = session.get_one(Application, task.application_id, with_for_update=True)
    return task, app
