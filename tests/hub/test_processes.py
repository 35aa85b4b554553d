"""Several hub processes on one database: started together on a fresh database they all
come up (migrations one after the other), `--workers N` serves, the sandbox auto-handler
completes each task once however many processes run it, and SQLite with two processes
answers every heartbeat while applications are written."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from central.process import HubProcess
from tests.hub.data import birth_application
from tests.hub.fixtures import Caller, enrol

BEAT = {"app_version": "0.1.0", "catalog_version": "x", "outbox_pending": 0, "devices": []}


def _heartbeat(hub: HubProcess, kiosk: Caller) -> None:
    """One heartbeat from `kiosk`, on a connection of its own, answered."""
    answer = requests.post(
        f"{hub.url}/v1/kiosks/heartbeat",
        json=BEAT,
        headers={"Authorization": f"Bearer {kiosk.token}"},
        timeout=30,
    )
    assert answer.status_code == 204, answer.text


def _start_together(hubs: list[HubProcess]) -> Iterator[HubProcess]:
    # Each start() launches its process at once and then waits for it to answer; started
    # from threads, the processes run their start-up (migrations included) side by side.
    with ThreadPoolExecutor(len(hubs)) as pool:
        yield from pool.map(lambda h: h.start(), hubs)


def test_hubs_started_together_on_a_fresh_database_all_come_up(
    empty_database: str, tmp_path: Path
) -> None:
    first = HubProcess(tmp_path / "hub-0", db_url=empty_database)
    hubs = [first] + [first.peer(tmp_path / f"hub-{i}") for i in (1, 2)]
    try:
        started = list(_start_together(hubs))
        kiosks = [enrol(hub) for hub in started]  # each hub writes and reads the database
        for hub in started:
            for kiosk in kiosks:  # a kiosk enrolled at one hub is known to the others
                _heartbeat(hub, kiosk)
        for hub in started:
            assert hub.proc is not None and hub.proc.poll() is None, hub.log_tail()
    finally:
        for hub in hubs:
            hub.stop()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_workers_serve_on_one_port(empty_database: str, tmp_path: Path) -> None:
    hub = HubProcess(tmp_path / "hub", db_url=empty_database, workers=3).start()
    try:
        assert hub.proc is not None
        workers = [
            pid
            for pid in _children(hub.proc.pid)
            if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        ]
        assert len(workers) == 3, hub.log_tail()
        kiosk = enrol(hub)
        # New connections each time, so that the workers share them out.
        for _ in range(30):
            _heartbeat(hub, kiosk)
        assert hub.admin("GET", "/admin/kiosks")
    finally:
        hub.stop()


def _wait_for(condition, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition did not come true in time"
        time.sleep(0.1)


def test_the_auto_handler_completes_each_task_once_across_processes(
    empty_database: str, tmp_path: Path
) -> None:
    first = HubProcess(tmp_path / "hub-0", db_url=empty_database, auto_handle=0)
    hubs = [first] + [first.peer(tmp_path / f"hub-{i}", auto_handle=0) for i in (1, 2)]
    engine = create_engine(empty_database)
    try:
        started = list(_start_together(hubs))
        kiosk = enrol(started[0])

        def done() -> int:
            with engine.connect() as c:
                return c.scalar(text("SELECT count(*) FROM tasks WHERE state = 'done'")) or 0

        sent = 0
        for _ in range(3):  # batches, each after the handlers took on the one before
            before = done()
            for _ in range(10):
                answer = kiosk.post(
                    "/applications",
                    json=birth_application(),
                    headers={"Idempotency-Key": uuid.uuid4().hex},
                )
                assert answer.status_code == 201, answer.text
                sent += 1
            _wait_for(lambda before=before: done() > before)

        def all_done() -> bool:
            with engine.connect() as c:
                return not c.scalar(
                    text("SELECT count(*) FROM tasks WHERE state NOT IN ('done', 'rejected')")
                )

        _wait_for(all_done)
        with engine.connect() as c:
            tasks = c.scalar(text("SELECT count(*) FROM tasks"))
            per_task = c.execute(
                text(
                    "SELECT task_id, count(*) FROM documents WHERE kind = 'result' "
                    "GROUP BY task_id HAVING count(*) > 1"
                )
            ).all()
            results = c.scalar(text("SELECT count(*) FROM documents WHERE kind = 'result'"))
        assert tasks >= sent
        assert per_task == [], "a task was completed more than once"
        assert results == tasks
        for hub in started:
            assert "could not complete" not in hub.log_path.read_text(), hub.log_tail()
    finally:
        engine.dispose()
        for hub in hubs:
            hub.stop()


def test_sqlite_with_two_processes_answers_every_heartbeat_during_writes(tmp_path: Path) -> None:
    hub = HubProcess(tmp_path / "hub", workers=2).start()
    try:
        writers = [enrol(hub) for _ in range(3)]
        beater = enrol(hub)
        stop = threading.Event()
        failures: list[str] = []

        def write(kiosk: Caller) -> None:
            while not stop.is_set():
                answer = kiosk.post(
                    "/applications",
                    json=birth_application(),
                    headers={"Idempotency-Key": uuid.uuid4().hex},
                )
                if answer.status_code != 201:
                    failures.append(f"application: {answer.status_code} {answer.text}")

        threads = [threading.Thread(target=write, args=(k,)) for k in writers]
        for t in threads:
            t.start()
        try:
            for _ in range(100):
                answer = beater.post("/kiosks/heartbeat", json=BEAT)
                if answer.status_code != 204:
                    failures.append(f"heartbeat: {answer.status_code} {answer.text}")
        finally:
            stop.set()
            for t in threads:
                t.join()
        assert failures == []
        assert "database is locked" not in hub.log_path.read_text()
    finally:
        hub.stop()
