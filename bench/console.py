"""The hub's web console: time to each main page (p50/p95 over N requests, one signed-in
browser-like client), on SQLite and on PostgreSQL with 1 and 2 hub processes, with a
sandbox hub holding some applications, tasks, heartbeats and sign-ins.

  queue         a department's work queue
  task          one application opened from the queue
  fleet         every kiosk with a day of heartbeats
  supervision   the §8.3 figures for the last 30 days
  csv           the same as CSV

Usage: bench/console.py [REQUESTS per page, default 40]
Set KIOSK_BENCH_NO_POSTGRES=1 to measure SQLite only. The hub's throughput for heartbeats
and submissions is bench/hub_processes.py.
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from central.process import HubProcess
from central.throwaway_postgres import PostgresServer, server_binaries
from tests.hub.data import submitted
from tests.hub.fixtures import Caller

PASSWORD = "a long enough password"
APPLICATIONS = 30
KIOSKS = 5


def _prepare(hub: HubProcess) -> dict[str, requests.Session]:
    kiosks = [Caller(hub.url, hub.enrol(f"bench-{i}"), f"bench-{i}") for i in range(KIOSKS)]
    for i in range(APPLICATIONS):
        submitted(kiosks[i % KIOSKS])
    for kiosk in kiosks:
        kiosk.post(
            "/kiosks/heartbeat",
            json={
                "app_version": "1",
                "outbox_pending": 0,
                "devices": [{"name": n, "status": "ready"} for n in ("printer", "camera")],
            },
        )
    sessions = {}
    for login, role, unit in (
        ("clerk", "clerk", "midwifery"),
        ("sup", "supervisor", ""),
        ("adm", "admin", ""),
    ):
        hub.admin(
            "POST",
            "/admin/console-users",
            json={"login": login, "role": role, "unit": unit, "password": PASSWORD},
        )
        http = requests.Session()
        page = http.get(f"{hub.url}/console/sign-in", timeout=30)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        http.post(
            f"{hub.url}/console/sign-in",
            data={"login": login, "password": PASSWORD, "csrf": csrf},
            timeout=30,
        )
        sessions[role] = http
    return sessions


def _time(http: requests.Session, url: str, n: int) -> tuple[float, float]:
    took = []
    for _ in range(n):
        start = time.perf_counter()
        response = http.get(url, timeout=60)
        took.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    took.sort()
    return statistics.median(took), took[max(0, int(0.95 * len(took)) - 1)]


def measure(hub: HubProcess, label: str, n: int) -> None:
    sessions = _prepare(hub)
    task_id = re.search(
        r"/console/tasks/(\d+)", sessions["clerk"].get(f"{hub.url}/console/queue", timeout=30).text
    ).group(1)
    pages = {
        "queue": ("clerk", "/console/queue"),
        "task": ("clerk", f"/console/tasks/{task_id}"),
        "fleet": ("admin", "/console/fleet"),
        "supervision": ("supervisor", "/console/supervision"),
        "csv": ("supervisor", "/console/supervision.csv"),
    }
    cells = []
    for name, (role, path) in pages.items():
        p50, p95 = _time(sessions[role], hub.url + path, n)
        cells.append(f"{name} {p50:.0f}/{p95:.0f}")
    print(f"{label:22} " + "  ".join(cells) + "   (ms p50/p95)", flush=True)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    with tempfile.TemporaryDirectory() as tmp:
        hub = HubProcess(Path(tmp) / "sqlite").start()
        try:
            measure(hub, "SQLite, 1 process", n)
        finally:
            hub.stop()
        bin_dir = server_binaries()
        if os.environ.get("KIOSK_BENCH_NO_POSTGRES") == "1" or bin_dir is None:
            return
        server = PostgresServer(bin_dir).start()
        try:
            for workers in (1, 2):
                url = server.create_database(f"console_{workers}")
                hub = HubProcess(Path(tmp) / f"pg-{workers}", db_url=url, workers=workers).start()
                try:
                    measure(hub, f"PostgreSQL, {workers} proc.", n)
                finally:
                    hub.stop()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
