"""The sandbox's departments: every second, tasks that have been ready for the configured
delay are claimed and completed with a generated result document (central.pdf: a sample
notice from the district's body for the step's unit, central.sandbox.issuers), so that a
demo shows an application flowing through its steps with nobody at a desk. Sandbox only:
the results it attaches are made up.

Every hub process runs the loop; a lock that they all see lets one of them do each round.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from central import workflow
from central.hub import Hub
from central.pdf import ResultNotice, result_pdf
from central.sandbox.issuers import issuer
from central.tables import Application, Task
from kiosk.contract import ResultDocument, SubjectType, TaskComplete, TaskState
from kiosk.masking import Personal, on_paper

log = logging.getLogger("central.auto_handler")

HANDLER = "sandbox-auto"
# Rounds per tick: with no delay, a whole flow completes within one tick.
_ROUNDS = 10


def handle_due_tasks(hub: Hub, delay_seconds: float) -> int:
    """Complete every task ready for at least `delay_seconds`; how many were completed."""
    done = 0
    for _ in range(_ROUNDS):
        cutoff = hub.now() - timedelta(seconds=delay_seconds)
        with hub.db.read() as session:
            due = session.execute(
                select(Task.id, Task.unit)
                .where(Task.state.in_(workflow.OPEN), Task.ready_at <= cutoff)
                .order_by(Task.ready_at)
                .limit(200)
            ).all()
        if not due:
            break
        for task_id, unit in due:
            done += _complete(hub, str(task_id), unit)
    return done


def _complete(hub: Hub, task_id: str, unit: str) -> int:
    try:
        with hub.db.read() as session:
            task = session.get_one(Task, int(task_id))
            if task.state not in workflow.OPEN:
                return 0
            notice = result_notice(
                hub, session, session.get_one(Application, task.application_id), task
            )
        # Typesetting takes most of a second: outside the write transaction, which every
        # hub process waits for.
        pdf = result_pdf(notice, hub.tz)
        with hub.db.write() as session:
            task = session.get_one(Task, int(task_id))
            if task.state not in workflow.OPEN:
                return 0  # a person at a desk got there first
            if task.state == TaskState.READY.value:
                workflow.claim(session, unit, task_id, HANDLER, hub.now())
            workflow.complete(
                session,
                unit,
                task_id,
                TaskComplete(
                    document=ResultDocument(
                        file_name=f"{task.step_id}.pdf",
                        content_type="application/pdf",
                        data_base64=base64.b64encode(pdf).decode(),
                    ),
                    note="completed by the sandbox auto-handler",
                ),
                hub.documents,
                hub.now(),
            )
        return 1
    except Exception:
        log.exception("the auto-handler could not complete task %s", task_id)
        return 0


def result_notice(hub: Hub, session: Session, app: Application, task: Task) -> ResultNotice:
    """The sandbox's result notice for a completed step: issued by the district's body for
    the step's unit, numbered by the task, addressed to the applicant as paper shows them."""
    catalog = hub.catalogs.by_etag(session, app.catalog_etag).catalog
    who = issuer(task.unit, catalog.unit(task.unit).name)
    now = hub.now()
    addressee = (
        app.applicant_name
        if app.applicant_type == SubjectType.ENTERPRISE.value  # an enterprise's name is public
        else on_paper(Personal.NAME, app.applicant_name)
    )
    return ResultNotice(
        issuer=who.name,
        number=f"{who.code}〔{hub.local_date(now).year}〕{task.id}号",
        addressee=addressee,
        acceptance_number=app.acceptance_number,
        onething=catalog.onething(app.onething_id).name,
        step=task.step_name,
        items=tuple(i["name"] for i in task.items),
        applied_at=app.submitted_at,
        issued_at=now,
    )


def one_round(hub: Hub, delay_seconds: float) -> int | None:
    """handle_due_tasks in one hub process at a time, whichever process's round comes first
    (the others skip theirs: None); a task is therefore never completed twice, however many
    hub processes run the auto-handler."""
    with hub.db.exclusive("auto-handler", wait=False) as mine:
        return handle_due_tasks(hub, delay_seconds) if mine else None


async def run(hub: Hub, delay_seconds: float, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await asyncio.to_thread(one_round, hub, delay_seconds)
        except Exception:
            log.exception("the auto-handler's round failed; trying again in a second")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)
