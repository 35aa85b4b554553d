"""Department work queues: a unit's tasks, and claim / complete / return / reject."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from central import workflow
from central.api.deps import DepartmentCaller, HubDep
from central.errors import errors
from kiosk.contract import TaskClaim, TaskComplete, TaskReason, TaskState, TaskView

router = APIRouter(prefix="/department", tags=["department"])

TaskId = Annotated[str, Path(max_length=20)]


@router.get("/tasks", responses=errors())
def tasks(
    who: DepartmentCaller,
    hub: HubDep,
    state: TaskState | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[TaskView]:
    """This department's tasks, the most urgent first; `state=ready` for its queue."""
    with hub.db.read() as session:
        return workflow.list_tasks(session, who.name, state, limit)


@router.post("/tasks/{task_id}/claim", responses=errors(404, 409))
def claim(task_id: TaskId, body: TaskClaim, who: DepartmentCaller, hub: HubDep) -> TaskView:
    with hub.db.write() as session:
        return workflow.claim(session, who.name, task_id, body.handler, hub.now())


@router.post("/tasks/{task_id}/complete", responses=errors(404, 409, 413))
def complete(task_id: TaskId, body: TaskComplete, who: DepartmentCaller, hub: HubDep) -> TaskView:
    """Done, with an optional result document for the applicant; the next step's task
    becomes ready, or the application is completed after the last."""
    with hub.db.write() as session:
        return workflow.complete(session, who.name, task_id, body, hub.documents, hub.now())


@router.post("/tasks/{task_id}/return", responses=errors(404, 409))
def send_back(task_id: TaskId, body: TaskReason, who: DepartmentCaller, hub: HubDep) -> TaskView:
    """Return the application to the applicant for correction, with the reason."""
    with hub.db.write() as session:
        return workflow.send_back(
            session, who.name, task_id, body.reason, TaskState.RETURNED, hub.now()
        )


@router.post("/tasks/{task_id}/reject", responses=errors(404, 409))
def reject(task_id: TaskId, body: TaskReason, who: DepartmentCaller, hub: HubDep) -> TaskView:
    """End the application, with the reason the applicant is told."""
    with hub.db.write() as session:
        return workflow.send_back(
            session, who.name, task_id, body.reason, TaskState.REJECTED, hub.now()
        )
