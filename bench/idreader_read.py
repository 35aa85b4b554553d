"""Card placed to identity delivered, through the ID reader driver and the simulated module on a
real pty at 115200 baud with the module's own timing, against the same find-select-read done
by a bare loop on the serial line. The driver adds its poll interval (a card placed between two
polls waits for the next one, here placed just after a poll: the worst case) and nothing else
should show.
"""

from __future__ import annotations

import statistics
import sys
import threading
import time

from drivers.events import CardInserted, CardRemoved, DriverEvent
from drivers.idreader.driver import IdReader
from drivers.idreader.link import ModuleLink
from drivers.idreader.samples import SAMPLE_RESIDENTS
from drivers.idreader.sim import SimulatedModule

RUNS = 20
POLL = 0.2


def _p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]


def _bare(sim: SimulatedModule, runs: int) -> list[float]:
    times = []
    with ModuleLink(sim.path) as link:
        for i in range(runs):
            sim.place(SAMPLE_RESIDENTS[i % len(SAMPLE_RESIDENTS)])
            t0 = time.perf_counter()
            identity = link.read_card("bare")
            times.append(time.perf_counter() - t0)
            assert identity is not None
            sim.remove()
    return times


def _driver(sim: SimulatedModule, runs: int) -> list[float]:
    got = threading.Event()
    gone = threading.Event()

    def on_event(event: DriverEvent) -> None:
        if isinstance(event, CardInserted):
            got.set()
        elif isinstance(event, CardRemoved):
            gone.set()

    times = []
    with IdReader(on_event, port=sim.path, poll_interval=POLL):
        time.sleep(0.5)
        for i in range(runs):
            got.clear()
            gone.clear()
            sim.place(SAMPLE_RESIDENTS[i % len(SAMPLE_RESIDENTS)])
            t0 = time.perf_counter()
            if not got.wait(5):
                raise SystemExit("the driver did not report a card within 5 s")
            times.append(time.perf_counter() - t0)
            sim.remove()
            gone.wait(5)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    with SimulatedModule() as sim:
        bare = _bare(sim, runs)
        driven = _driver(sim, runs)
    bm, dm = statistics.median(bare), statistics.median(driven)
    row = "  {:<26} median {:6.0f} ms   p95 {:6.0f} ms"
    print(f"ID card read, simulated module at 115200 baud, {runs} insertions")
    print(row.format("bare find-select-read", bm * 1000, _p95(bare) * 1000))
    print(row.format("placed → CardInserted", dm * 1000, _p95(driven) * 1000), end="")
    print(f"   (a poll every {POLL * 1000:.0f} ms)")
    print(f"  ratio {dm / bm:.2f}x; the driver adds {(dm - bm) * 1000:.0f} ms (up to one poll)")


if __name__ == "__main__":
    main()
