"""A resident's journey: the time she spends waiting on the kiosk (not on herself), and the
kiosk's memory after 1,000 sessions against after the first.

Part 1 walks the birth journey end to end (`kiosk journey`: sandbox hub, ID module on a pty,
camera from a photograph, TCP printer) and reports each wait: data sharing filling the form,
submission to the acceptance number, and the receipt printing.

Part 2 runs 1,000 sessions through one kiosk offscreen, as fast as it can: a card, the birth
one-thing, the form filled, a photo, a signature, the review, then the wipe (no hub: the
outbox is not the subject here). Memory is the process's resident set. Aim: under 10 MB of
growth from the first session to the thousandth.
"""

from __future__ import annotations

import gc
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SESSIONS = 1000
AIM_MB = 10.0


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def journey_waits() -> dict[str, float]:
    from ui.scenario import run_birth_journey

    with tempfile.TemporaryDirectory() as out:
        result = run_birth_journey(Path(out) / "journey")
    return result.waited


def sessions() -> tuple[float, float, float]:
    from datetime import date

    from PySide6.QtCore import QEvent

    from drivers.events import CardInserted, CardRemoved
    from drivers.idreader.samples import sample
    from kiosk.catalog.load import load_catalog
    from kiosk.config import load_config
    from ui.app import create_app, prepare_environment
    from ui.render import _sample_answers, _sample_photo

    prepare_environment(offscreen=True)
    config = load_config()
    with tempfile.TemporaryDirectory() as data:
        config = config.model_copy(
            update={
                "ui": config.ui.model_copy(update={"fullscreen": False, "voice": ""}),
                "kiosk": config.kiosk.model_copy(update={"data_dir": data}),
                "camera": config.camera.model_copy(update={"enabled": False}),
            }
        )
        kiosk = create_app(config, load_catalog(), windowed=True)
        vm, journey = kiosk.viewmodel, kiosk.journey
        mother = sample(1)
        photo = _sample_photo()

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
            assert vm.screen == "review", vm.screen
            settle()
            vm.driverEvent.emit(CardRemoved(mother.reader))
            vm.home()
            settle()

        def settle() -> None:
            # What the event loop does between touches, deleting the screens unloaded
            # (deleteLater) too: processEvents() alone leaves those for exec() to delete.
            for _ in range(3):
                kiosk.app.processEvents()
            kiosk.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

        one()
        gc.collect()
        first = rss_mb()
        start = time.perf_counter()
        for _ in range(SESSIONS - 1):
            one()
        elapsed = time.perf_counter() - start
        gc.collect()
        last = rss_mb()
        kiosk.close()
    assert date.today()  # the sessions ran today: the sample card is valid
    return first, last, elapsed / (SESSIONS - 1)


def main() -> None:
    print("The resident's journey (birth, end to end):")
    for name, seconds in journey_waits().items():
        print(f"  waiting on the kiosk for {name:<11} {seconds * 1000:7.0f} ms")
    first, last, per = sessions()
    growth = last - first
    print(f"\n{SESSIONS} sessions through one kiosk ({per * 1000:.1f} ms each, offscreen):")
    print(f"  resident memory after the first:     {first:7.1f} MB")
    print(f"  resident memory after the {SESSIONS}th:  {last:7.1f} MB")
    verdict = "within" if growth < AIM_MB else "OVER"
    print(f"  growth {growth:+.1f} MB ({verdict} the aim of {AIM_MB:g} MB)")


if __name__ == "__main__":
    main()
