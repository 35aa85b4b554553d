"""Fleet configuration: publish -> applied on N simulated kiosks (TUF ngclient each, polling
a loopback hub in a few threads), and the cost of an unchanged poll (a root probe and the
timestamp) as polls a second the hub serves. The hub and the kiosks share the machine.

Usage: bench/fleet.py [KIOSKS, default 100] [THREADS, default 4]
"""

from __future__ import annotations

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

                list(pool.map(unchanged, kiosks[:threads]))
                print(f"unchanged polls: {count[0] / 5:.0f}/s ({threads} threads, 2 requests each)")

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
