"""A resident's journey: the time she spends waiting on the kiosk (not on herself), and the
kiosk's memory after 1,000 sessions against after the first.

Part 1 walks the birth journey end to end (`kiosk journey`: sandbox hub, ID module on a pty,
camera from a photograph, TCP printer) and reports each wait: data sharing filling the form,
submission to the acceptance number, and the receipt printing.

Part 2 runs 1,000 sessions through one kiosk offscreen, as fast as it can: a card, the birth
one-thing, the form filled, a photo, a signature, submission to the outbox, the receipt
printed on a simulated printer, a rating, the card taken out and the wipe. Memory is the
process's resident set. Aim: under 10 MB of growth from the first session to the thousandth.
"""

from __future__ import annotations

import gc
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SESSIONS = int(os.environ.get("SESSIONS", "1000"))  # fewer for a quick look
AIM_MB = 10.0
# Caches fill in the first few dozen sessions (QML components, fonts, SQLite pages, the
# allocator's arenas); growth after them is what a long day adds.
WARMED_UP = 50


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def journey_waits() -> dict[str, float]:
    from demo.scenario import run_birth_journey

    with tempfile.TemporaryDirectory() as out:
        result = run_birth_journey(Path(out) / "journey")
    return result.waited


def sessions() -> tuple[float, float, float, float]:
    """1,000 residents through one kiosk as a terminal runs it (kiosk_running: the desk, the
    print service, the sync worker, a sandbox hub on loopback that takes every application
    and rating), each to the printed receipt and a rating."""
    from PySide6.QtCore import QEvent

    import services.journey
    from central.process import HubProcess
    from demo.render import _sample_answers, _sample_photo
    from drivers.events import CardInserted, CardRemoved
    from drivers.idreader.samples import sample
    from drivers.printer.sim import SimulatedPrinter
    from kiosk.catalog.load import load_catalog
    from kiosk.config import load_config
    from kiosk.credentials import write_secret
    from tests.hub.fixtures import UNLIMITED
    from ui.app import kiosk_running, prepare_environment

    # The receipt does not wait for the hub's number: the sessions go as fast as they can.
    services.journey.ACCEPTANCE_WAIT_SECONDS = 0
    prepare_environment(offscreen=True)
    base = load_config()
    with (
        tempfile.TemporaryDirectory() as data,
        tempfile.TemporaryDirectory() as hub_dir,
        SimulatedPrinter() as printer,
    ):
        # A thousand look-ups of one card in minutes: the rate limits would refuse most.
        hub = HubProcess(Path(hub_dir), settings=UNLIMITED).start()
        config = base.model_copy(
            update={
                "ui": base.ui.model_copy(update={"fullscreen": False, "voice": ""}),
                "kiosk": base.kiosk.model_copy(update={"data_dir": data}),
                "hub": base.hub.model_copy(update={"url": hub.url, "heartbeat_seconds": 3600}),
                "camera": base.camera.model_copy(update={"enabled": False}),
                "devices": base.devices.model_copy(
                    update={"pcsc": False, "idreader": False, "fingerprint": False}
                ),
                "printer": base.printer.model_copy(update={"port": printer.port}),
            }
        )
        write_secret(config.token_path(), hub.enrol(config.kiosk.id, "bench kiosk"))
        mother = sample(1)
        photo = _sample_photo()
        with kiosk_running(config, load_catalog(), windowed=True) as kiosk:
            vm, journey = kiosk.viewmodel, kiosk.journey

            def settle() -> None:
                # What the event loop does between touches, deleting the screens unloaded
                # (deleteLater) too: processEvents() alone leaves those for exec() to delete.
                for _ in range(3):
                    kiosk.app.processEvents()
                kiosk.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

            def until(done) -> None:
                deadline = time.monotonic() + 20
                while not done():
                    if time.monotonic() > deadline:
                        raise SystemExit(f"stuck on the {vm.screen} screen")
                    settle()
                    time.sleep(0.002)

            def one() -> None:
                vm.start()
                settle()
                vm.chooseOnething("birth")
                vm.answer(0)
                vm.identify()
                vm.driverEvent.emit(CardInserted(mother.reader, mother))
                vm.confirmIdentity()
                app = vm.session.application
                app.typed.update(_sample_answers(app))
                journey.formDone()
                app.photo = photo
                vm.move("next_step")
                journey.addStroke([{"x": 0.1, "y": 0.5}, {"x": 0.9, "y": 0.5}])
                journey.signDone()
                journey.submit()
                until(lambda: vm.screen == "receipt" and journey.printState == "done")
                journey.toRating()
                journey.rate(5, [])
                vm.driverEvent.emit(CardRemoved(mother.reader))
                settle()
                # The simulator keeps every receipt it printed; it shares this process here,
                # but is no part of a kiosk: what it holds is not the kiosk's memory.
                printer.receipts.clear()

            one()
            gc.collect()
            first = warm = rss_mb()
            start = time.perf_counter()
            for n in range(2, SESSIONS + 1):
                one()
                if n % max(1, SESSIONS // 10) == 0 or n == WARMED_UP:  # the curve, not its ends
                    gc.collect()
                    print(f"    after {n:5d} sessions: {rss_mb():7.1f} MB", flush=True)
                    if n == WARMED_UP:
                        warm = rss_mb()
            elapsed = time.perf_counter() - start
            gc.collect()
            last = rss_mb()
        hub.stop()
    return first, warm, last, elapsed / (SESSIONS - 1)


def main() -> None:
    print("The resident's journey (birth, end to end):")
    for name, seconds in journey_waits().items():
        print(f"  waiting on the kiosk for {name:<11} {seconds * 1000:7.0f} ms")
    first, warm, last, per = sessions()
    print(f"\n{SESSIONS} sessions through one kiosk ({per * 1000:.1f} ms each, offscreen):")
    print(f"  resident memory after the first:     {first:7.1f} MB")
    print(f"  resident memory after the {WARMED_UP}th:      {warm:7.1f} MB")
    print(f"  resident memory after the {SESSIONS}th:  {last:7.1f} MB")
    growth = last - first
    verdict = "within" if growth < AIM_MB else "OVER"
    print(
        f"  growth {growth:+.1f} MB from the first ({verdict} the aim of {AIM_MB:g} MB); ", end=""
    )
    print(f"{last - warm:+.1f} MB after the {WARMED_UP}th")


if __name__ == "__main__":
    main()
