"""Every receipt on paper once, over slow links: the kiosk's print service (store, spooler,
driver) prints acceptance notices to the simulated printer through a loopback TCP link
throttled to 20, 50 and 200 kB/s, in raster and in native mode, on 80 mm paper.

For each: receipts on paper per job (1.00 is right; the old fixed 1 s wait printed the notice
again each time the link took longer), time from the job handed over to the receipt cut,
and to the kiosk hearing the printer's confirmation, the link's speed as the driver measured
it, and the bytes of one receipt.

    .venv/bin/python bench/print_once.py [JOBS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drivers.printer.driver import ReceiptPrinter
from drivers.printer.link import NetworkLink
from drivers.printer.paper import paper
from drivers.printer.sim import SimulatedPrinter
from kiosk.printing.builders import build_acceptance_notice
from services.print_service import PrintService
from services.spooler import JobUpdate
from tests.print_samples import PROGRESS_BASE, acceptance_data
from tests.throttle import throttled

JOBS = 3
RATES = (20_000, 50_000, 200_000)
MM = 80


class _Done:
    def __init__(self) -> None:
        self.at: dict[int, float] = {}
        self.cond = threading.Condition()

    def __call__(self, u: JobUpdate) -> None:
        if u.state in ("done", "unknown", "stopped"):
            with self.cond:
                self.at[u.job_id] = time.monotonic()
                self.cond.notify_all()

    def wait(self, job: int, timeout: float = 120) -> float:
        with self.cond:
            if not self.cond.wait_for(lambda: job in self.at, timeout):
                raise SystemExit(f"job {job} never finished")
            return self.at[job]


def _run(rate: int, mode: str, jobs: int, folder: Path) -> dict[str, float]:
    doc = build_acceptance_notice(acceptance_data(), PROGRESS_BASE)
    with SimulatedPrinter(None, paper_mm=MM) as sim, throttled(sim.port, rate) as link:
        driver = ReceiptPrinter(
            lambda: NetworkLink("127.0.0.1", link.port, timeout=5.0), paper(MM), mode=mode
        )
        done = _Done()
        service = PrintService(folder / f"{rate}-{mode}", driver, on_job=done)
        service.start()
        to_paper, to_word, sizes = [], [], []
        try:
            for i in range(jobs):
                before = sim.bytes_received
                t0 = time.monotonic()
                job = service.submit(doc, "bench")
                heard = done.wait(job)
                if not sim.wait_for(i + 1, 30):
                    raise SystemExit(f"{rate} B/s {mode}: the receipt never came out")
                to_paper.append(sim.receipts[i].at - t0)
                to_word.append(heard - t0)
                sizes.append(sim.bytes_received - before)
        finally:
            service.stop()
        return {
            "per_job": len(sim.receipts) / jobs,
            "spoiled": len(sim.spoiled),
            "to_paper": statistics.median(to_paper),
            "to_word": statistics.median(to_word),
            "rate": driver.measured_rate or 0.0,
            "bytes": statistics.median(sizes),
        }


def main() -> None:
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else JOBS
    print(f"Acceptance notices, {MM} mm, through a throttled loopback link; {jobs} jobs each")
    print(
        f"  {'link':>9} {'mode':6} {'receipts/job':>12} {'spoiled':>7} {'to paper':>9} "
        f"{'confirmed':>9} {'measured':>10} {'bytes/receipt':>13}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for rate in RATES:
            for mode in ("raster", "native"):
                r = _run(rate, mode, jobs, Path(tmp))
                print(
                    f"  {rate / 1000:>5.0f} kB/s {mode:6} {r['per_job']:>12.2f} "
                    f"{r['spoiled']:>7d} {r['to_paper']:>8.2f}s {r['to_word']:>8.2f}s "
                    f"{r['rate'] / 1000:>6.1f} kB/s {r['bytes']:>13,.0f}"
                )


if __name__ == "__main__":
    main()
