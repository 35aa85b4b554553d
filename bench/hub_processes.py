"""Hub throughput with 1, 2 and 4 hub processes (`kiosk-hub serve --workers N`) on one
durable PostgreSQL, and on SQLite with 1 and 2 for comparison, side by side:

  submissions/s   complete birth applications (three 200 KB files each: the registration
                  form, the photo and the signature) submitted by 6 clients as fast as the
                  hub answers
  heartbeats/s    heartbeats from 8 clients as fast as the hub answers
  heartbeat p50/p95 while writing
                  one kiosk's heartbeats while 3 clients submit applications

The clients run in two processes of their own, so that their own interpreter lock does not
cap what is measured; hub, database and clients share the machine, so on few cores more
hub processes mostly show what they cost, not what they gain.

Usage: bench/hub_processes.py [SECONDS per measurement, default 3]
Set KIOSK_BENCH_NO_POSTGRES=1 to measure SQLite only.
"""

from __future__ import annotations

import base64
import multiprocessing
import os
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.hub.data

from central.process import HubProcess
from central.throwaway_postgres import PostgresServer, server_binaries
from tests.hub.data import birth_application

MATERIAL_BYTES = 200 * 1024
CLIENT_PROCESSES = 2
BEAT = {
    "app_version": "0.1.0",
    "catalog_version": "2026.11-sample",
    "outbox_pending": 0,
    "devices": [{"name": "idreader", "status": "ready"}, {"name": "printer", "status": "ready"}],
}


def application() -> dict:
    """A complete birth application, as the hub checks it, each file grown to 200 KB (its
    first bytes kept, so that it is still of its declared type)."""
    body = birth_application()
    for material in body["materials"]:
        head = base64.b64decode(material["data_base64"])[:16]
        grown = head + os.urandom(MATERIAL_BYTES - len(head))
        material["data_base64"] = base64.b64encode(grown).decode()
    return body


@dataclass
class Load:
    """What one client process does: `threads` clients of `kind` from start_at for seconds."""

    url: str
    tokens: list[str]
    kind: str  # "submit" or "beat"
    start_at: float  # time.time()
    seconds: float


def run_clients(load: Load) -> tuple[list[float], int]:
    """(latencies in ms, failures) of every request the clients completed in time."""
    body = application() if load.kind == "submit" else BEAT
    latencies: list[list[float]] = [[] for _ in load.tokens]
    failures = [0] * len(load.tokens)

    def client(i: int) -> None:
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {load.tokens[i]}"
        path = "/v1/applications" if load.kind == "submit" else "/v1/kiosks/heartbeat"
        expect = 201 if load.kind == "submit" else 204
        http.get(f"{load.url}/v1/catalog", timeout=30)  # connect before the clock starts
        time.sleep(max(0.0, load.start_at - time.time()))
        stop_at = load.start_at + load.seconds
        while (began := time.time()) < stop_at:
            headers = {"Idempotency-Key": uuid.uuid4().hex} if load.kind == "submit" else {}
            status = http.post(f"{load.url}{path}", json=body, headers=headers, timeout=60)
            latencies[i].append((time.time() - began) * 1000)
            if status.status_code != expect:
                failures[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(load.tokens))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [ms for per_client in latencies for ms in per_client], sum(failures)


@dataclass
class Row:
    backend: str
    processes: int
    submissions: float = 0.0
    heartbeats: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    failures: int = 0


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))] if values else 0.0


def measure(hub: HubProcess, row: Row, pool: ProcessPoolExecutor, seconds: float) -> Row:
    tokens = [hub.enrol(f"bench-{n}") for n in range(8)]

    def together(loads: list[Load]) -> list[tuple[list[float], int]]:
        return list(pool.map(run_clients, loads))

    def start() -> float:
        return time.time() + 1.0  # every client connected by then

    at = start()
    done = together(
        [Load(hub.url, tokens[i * 3 : i * 3 + 3], "submit", at, seconds) for i in (0, 1)]
    )
    row.submissions = sum(len(lat) for lat, _ in done) / seconds
    row.failures += sum(f for _, f in done)

    at = start()
    done = together([Load(hub.url, tokens[i * 4 : i * 4 + 4], "beat", at, seconds) for i in (0, 1)])
    row.heartbeats = sum(len(lat) for lat, _ in done) / seconds
    row.failures += sum(f for _, f in done)

    at = start()
    (_, writes_failed), (beats, beats_failed) = together(
        [
            Load(hub.url, tokens[:3], "submit", at, seconds),
            Load(hub.url, tokens[3:4], "beat", at, seconds),
        ]
    )
    row.p50, row.p95 = percentile(beats, 0.50), percentile(beats, 0.95)
    row.failures += writes_failed + beats_failed
    return row


def report(row: Row) -> None:
    print(
        f"  {row.backend:<11} {row.processes:>5}   {row.submissions:11.1f}   {row.heartbeats:10.0f}"
        f"   {row.p50:8.1f} / {row.p95:7.1f}   {row.failures:>6}",
        flush=True,
    )


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    print(
        f"hub processes: {seconds:.0f} s per measurement, {os.cpu_count()} cores, loopback, "
        "durable databases (SQLite synchronous=FULL, PostgreSQL with fsync)"
    )
    print(
        "  backend     procs   submissions/s   heartbeats/s   heartbeat ms p50 / p95"
        " while writing   failed"
    )
    pool = ProcessPoolExecutor(CLIENT_PROCESSES, mp_context=multiprocessing.get_context("spawn"))
    with tempfile.TemporaryDirectory() as tmp, pool:
        bin_dir = server_binaries()
        if os.environ.get("KIOSK_BENCH_NO_POSTGRES") == "1" or bin_dir is None:
            print(
                "  PostgreSQL  not measured ("
                + ("not installed)" if bin_dir is None else "skipped)")
            )
        else:
            server = PostgresServer(bin_dir, durable=True).start()
            try:
                for n in (1, 2, 4):
                    url = server.create_database(f"bench_{n}")
                    hub = HubProcess(Path(tmp) / f"pg-{n}", db_url=url, workers=n).start()
                    try:
                        report(measure(hub, Row("PostgreSQL", n), pool, seconds))
                    finally:
                        hub.stop()
            finally:
                server.stop()
        for n in (1, 2):
            hub = HubProcess(Path(tmp) / f"sqlite-{n}", workers=n).start()
            try:
                report(measure(hub, Row("SQLite", n), pool, seconds))
            finally:
                hub.stop()


if __name__ == "__main__":
    main()
