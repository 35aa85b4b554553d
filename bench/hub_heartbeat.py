"""Hub heartbeat throughput: kiosks sending heartbeats as fast as the hub answers, on
loopback, against SQLite and PostgreSQL (both durable: SQLite synchronous=FULL, PostgreSQL
with fsync). The hub and the clients share the machine.

Usage: bench/hub_heartbeat.py [SECONDS per backend, default 5] [CLIENT THREADS, default 4]
Set KIOSK_BENCH_NO_POSTGRES=1 to measure SQLite only.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from central.process import HubProcess
from central.throwaway_postgres import PostgresServer, server_binaries

BEAT = {
    "app_version": "0.1.0",
    "catalog_version": "2026.11-sample",
    "outbox_pending": 0,
    "devices": [
        {"name": "idreader", "status": "ready"},
        {"name": "printer", "status": "ready"},
        {"name": "camera", "status": "ready"},
        {"name": "fingerprint", "status": "ready"},
    ],
}


def measure(hub: HubProcess, seconds: float, threads: int) -> tuple[float, list[float], int]:
    """(requests per second, latencies in ms, failures)."""
    tokens = [hub.enrol(f"bench-{i}") for i in range(threads)]
    latencies: list[list[float]] = [[] for _ in range(threads)]
    failures = [0] * threads
    start = threading.Barrier(threads + 1)
    stop_at = 0.0

    def client(i: int) -> None:
        http = requests.Session()
        http.headers["Authorization"] = f"Bearer {tokens[i]}"
        url = f"{hub.url}/v1/kiosks/heartbeat"
        http.post(url, json=BEAT, timeout=30)  # connect and warm up
        start.wait()
        while (now := time.perf_counter()) < stop_at:
            status = http.post(url, json=BEAT, timeout=30).status_code
            latencies[i].append((time.perf_counter() - now) * 1000)
            if status != 204:
                failures[i] += 1

    workers = [threading.Thread(target=client, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    stop_at = time.perf_counter() + 3600  # until set below, after everyone is ready
    start.wait()
    began = time.perf_counter()
    stop_at = began + seconds
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - began
    done = [ms for per_thread in latencies for ms in per_thread]
    return len(done) / elapsed, done, sum(failures)


def report(name: str, rate: float, latencies: list[float], failures: int) -> None:
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else 0.0
    print(
        f"  {name:<11} {rate:8.0f} heartbeats/s   median {statistics.median(latencies):6.1f} ms"
        f"   p99 {p99:6.1f} ms   failed {failures}"
    )


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    print(
        f"hub heartbeats, {threads} client threads, {seconds:.0f} s per backend, "
        f"{os.cpu_count()} cores, loopback"
    )
    rates: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        hub = HubProcess(Path(tmp) / "sqlite").start()
        try:
            rates["SQLite"], latencies, failures = measure(hub, seconds, threads)
        finally:
            hub.stop()
        report("SQLite", rates["SQLite"], latencies, failures)

        bin_dir = server_binaries()
        if os.environ.get("KIOSK_BENCH_NO_POSTGRES") == "1" or bin_dir is None:
            print(
                "  PostgreSQL  not measured ("
                + ("not installed)" if bin_dir is None else "skipped)")
            )
            return
        server = PostgresServer(bin_dir, durable=True).start()
        try:
            hub = HubProcess(Path(tmp) / "pg", db_url=server.create_database("bench")).start()
            try:
                rates["PostgreSQL"], latencies, failures = measure(hub, seconds, threads)
            finally:
                hub.stop()
        finally:
            server.stop()
        report("PostgreSQL", rates["PostgreSQL"], latencies, failures)
    print(f"  ratio       SQLite / PostgreSQL = {rates['SQLite'] / rates['PostgreSQL']:.2f}")


if __name__ == "__main__":
    main()
