"""A unit's task list loads its tasks' materials in one query, however many tasks it lists
(up to a thousand): never one query a task."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from sqlalchemy import event

from central.db import Database
from central.keys import Keys
from central.sealing import Cipher, attach
from central.tables import Application, Document, Kiosk, Task
from central.workflow import list_tasks
from kiosk.contract import TaskState

TASKS = 50


def _fill(db: Database) -> None:
    now = datetime.now(UTC)
    with db.write() as s:
        s.add(Kiosk(id="k1", name="k1"))
        s.flush()  # no relationships: the rows go in the foreign keys' order by hand
        for n in range(TASKS):
            app = Application(
                acceptance_number=f"YJS-20260101-{n:06d}",
                kiosk_id="k1",
                idempotency_key=f"key-{n}",
                request_hash="h",
                catalog_etag="e",
                onething_id="birth",
                situation_id="newborn",
                applicant_type="person",
                applicant_number="330106199403120623",
                applicant_name="林晓燕",
                form={},
                delivery={"method": "pickup"},
                accepted_by="self-service",
                terminal="01",
                state="accepted",
                submitted_at=now,
                due_date=date(2026, 1, 10),
            )
            s.add(app)
            s.flush()
            s.add(
                Task(
                    application_id=app.id,
                    seq=0,
                    step_id="midwifery",
                    step_name="出生医学证明",
                    unit="midwifery",
                    items=[{"id": "birth-certificate", "name": "出生医学证明"}],
                    on_fail="return",
                    state="ready",
                    due_date=date(2026, 1, 10),
                )
            )
            for m in range(n % 3):  # none, one or two materials each
                s.add(
                    Document(
                        id=f"d{n:03d}{m}",
                        application_id=app.id,
                        kind="material",
                        material_id=f"material-{m}",
                        file_name=f"material-{m}.pdf",
                        content_type="application/pdf",
                        size=100 + m,
                        sha256="0" * 64,
                    )
                )


def test_a_list_of_tasks_loads_their_materials_in_one_query(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'hub.db'}")
    db.migrate()
    attach(db.engine, Cipher(Keys({"k1": os.urandom(32)}, "k1", os.urandom(32))))
    _fill(db)
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with db.read() as s:
        tasks = list_tasks(s, "midwifery", TaskState.READY, 1000)
    selects = [q for q in statements if q.lstrip().upper().startswith("SELECT")]
    assert len(tasks) == TASKS
    # The tasks with their applications, and the materials of them all.
    assert len(selects) == 2, selects
    by_number = {t.acceptance_number: t for t in tasks}
    for n in range(TASKS):
        materials = by_number[f"YJS-20260101-{n:06d}"].materials
        assert [m.name for m in materials] == [f"material-{m}.pdf" for m in range(n % 3)]
    db.engine.dispose()
