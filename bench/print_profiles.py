"""The acceptance notice on each printer profile, raster and native, through the simulated
printer: PNGs to look at in out/profiles/ (or the folder given), and each job's size with the
time its bytes alone take on a serial line at 9600 and 115200 baud.

    .venv/bin/python bench/print_profiles.py [FOLDER] [PROFILE…]

Profiles are python-escpos's names; "generic-80" and "generic-58" are the generic printer
("default") on 80 and 58 mm paper. SAMPLE DATA: no real person.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drivers.printer.sim import SimulatedPrinter
from kiosk.printing.builders import build_acceptance_notice
from kiosk.printing.profiles import profile
from tests.print_helpers import driver_for
from tests.print_samples import PROGRESS_BASE, acceptance_data

PROFILES = ("TM-T88V", "generic-80", "generic-58", "POS-5890")
LOCAL_NUMBER = "L-sandbox-0001-20240506-000123"


def _profile(name: str):
    if name.startswith("generic-"):
        return profile("", int(name.removeprefix("generic-")))
    return profile(name)


def main() -> None:
    args = sys.argv[1:]
    folder = Path(args[0]) if args else Path("out/profiles")
    names = args[1:] or list(PROFILES)
    docs = {
        "hub": build_acceptance_notice(acceptance_data(), PROGRESS_BASE),
        "local": build_acceptance_notice(
            acceptance_data(acceptance_number=LOCAL_NUMBER, offline=True, due_date=None),
            PROGRESS_BASE,
        ),
    }
    for name in names:
        p = _profile(name)
        print(p.describe())
        for mode in ("raster", "native"):
            with SimulatedPrinter(folder / f"{name}-{mode}", profile=p) as sim:
                driver = driver_for(sim, mode, status_query=False)
                for which, doc in docs.items():
                    before = sim.bytes_received
                    driver.print_document(doc)
                    if not sim.wait_for(len(sim.receipts) + 1, 10):
                        raise SystemExit(f"{name} {mode}: the receipt never came out")
                    size = sim.bytes_received - before
                    receipt = sim.receipts[-1]
                    print(
                        f"  {mode:6} {which:5}: {receipt.path}  {receipt.image.width}×"
                        f"{receipt.image.height} dots, {size / 1024:5.1f} KiB: "
                        f"{size * 10 / 9600:5.1f} s at 9600 baud, "
                        f"{size * 10 / 115200:4.1f} s at 115200"
                    )
                if sim.problems:
                    print(f"  problems: {sim.problems}")


if __name__ == "__main__":
    main()
