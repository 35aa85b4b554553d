"""Acceptance receipt printing: time from "print" (the document handed to the driver) to the
last byte of the job accepted by the simulated printer on loopback TCP, raster against native
text, on 58 and 80 mm paper. Raster includes drawing the receipt with the CJK font; native sends the
printer's own font and QR command. The ratio raster / native is what raster's portability costs
(on a real printer the wire and the print head add the same to both, more for raster's bytes).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drivers.printer.sim import SimulatedPrinter
from kiosk.printing.builders import build_acceptance_notice
from tests.print_helpers import driver_for
from tests.print_samples import PROGRESS_BASE, acceptance_data

RUNS = 10


def _time(mm: int, mode: str, runs: int, folder: Path) -> tuple[list[float], int]:
    doc = build_acceptance_notice(acceptance_data(), PROGRESS_BASE)
    times = []
    with SimulatedPrinter(folder / f"{mm}-{mode}", paper_mm=mm) as sim:
        # No status query after the job: its answer waits for the simulator to finish drawing
        # the receipt, which is the simulator's time, not the kiosk's.
        driver = driver_for(sim, mode, status_query=False)
        driver.print_document(doc)  # warm: fonts loaded, connection paths hot
        sim.wait_for(1, 10)
        for i in range(runs):
            before = sim.bytes_received
            t0 = time.perf_counter()
            driver.print_document(doc)
            if not sim.wait_for(i + 2, 10):
                raise SystemExit(f"{mm} mm {mode}: the receipt never came out")
            times.append(sim.last_byte_at - t0)
        size = sim.bytes_received - before
    return times, size


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    print(f"Acceptance receipt to the simulated printer (loopback TCP), {runs} runs each")
    with tempfile.TemporaryDirectory() as tmp:
        for mm in (58, 80):
            medians = {}
            for mode in ("raster", "native"):
                times, size = _time(mm, mode, runs, Path(tmp))
                medians[mode] = statistics.median(times)
                print(
                    f"  {mm} mm {mode:6}: median {medians[mode] * 1000:6.1f} ms "
                    f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}), "
                    f"{size / 1024:.1f} KiB a receipt; on a serial line the bytes alone take "
                    f"{size * 10 / 115200:.1f} s at 115200 baud, {size * 10 / 9600:.1f} s at 9600"
                )
            print(f"  {mm} mm raster / native: {medians['raster'] / medians['native']:.1f}×")


if __name__ == "__main__":
    main()
