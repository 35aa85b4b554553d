"""Fleet configuration: publish -> applied on N simulated kiosks (TUF ngclient each, polling
a loopback hub in a few threads), and the cost of an unchanged poll (a root probe and the
timestamp) to the hub: polls a second served while the kiosks share the machine, and the hub
process's own CPU time per poll (from /proc), hence what two cores given to the hub alone
would serve.

Usage: bench/fleet.py [KIOSKS, default 100] [THREADS, default 4]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from central.fleetadmin import FleetAdmin
from central.process import HubProcess
from kiosk.fleet import Bundle
from services.fleet import FleetClient


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its children (the hub's workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        hub = HubProcess(base / "hub").start()
        try:
            admin = FleetAdmin(base / "keys", hub.admin, hub.url + "/fleet/")
            root = admin.keygen()
            admin.publish(Bundle(0, "all", {"notice": {"text": "一"}}), "all")
            kiosks = [
                FleetClient(base / f"k{i}", root, hub.url + "/fleet/", "all") for i in range(n)
            ]
            with ThreadPoolExecutor(threads) as pool:
                list(pool.map(lambda k: k.poll(), kiosks))  # every kiosk on version 1

                # Unchanged polls: as many as the hub answers in 5 s.
                stop = time.monotonic() + 5
                count = [0]
                lock = threading.Lock()

                def unchanged(k: FleetClient) -> None:
                    while time.monotonic() < stop:
                        k.poll()
                        with lock:
                            count[0] += 1

                cpu = cpu_seconds(hub.proc.pid)
                list(pool.map(unchanged, kiosks[:threads]))
                per_poll = (cpu_seconds(hub.proc.pid) - cpu) / count[0]
                print(
                    f"unchanged polls: {count[0] / 5:.0f}/s ({threads} threads, 2 requests each); "
                    f"hub CPU {per_poll * 1000:.2f} ms a poll, so 2 cores for the hub alone "
                    f"serve about {2 / per_poll:.0f} polls/s"
                )

                # Publish, then each kiosk polls round-robin until it has it.
                published = time.monotonic()
                pushed = admin.publish(Bundle(0, "all", {"notice": {"text": "二"}}), "all")
                applied: list[float] = []

                def until_applied(k: FleetClient) -> None:
                    while k.state.version != pushed.version:
                        k.poll()
                    applied.append(time.monotonic() - published)

                list(pool.map(until_applied, kiosks))
            print(
                f"publish -> applied on {n} kiosks polling back to back: "
                f"median {statistics.median(applied):.2f} s, last {max(applied):.2f} s"
            )
        finally:
            hub.stop()


if __name__ == "__main__":
    main()
