"""While the screens are up, Python's garbage is collected on the GUI thread only
(ui.gcguard): a collection on a worker thread that frees a Qt wrapper can deadlock against the
GUI thread (Qt's connection lock against Python's)."""

from __future__ import annotations

import gc
import threading


def test_garbage_made_on_a_worker_is_collected_on_the_gui_thread(qtbot, kiosk_app):
    from ui import gcguard

    assert gcguard.held() and not gc.isenabled()
    threads: set[str] = set()

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            threads.add(threading.current_thread().name)

    gc.callbacks.append(seen)
    try:

        def make_cycles() -> None:
            for _ in range(20_000):  # far past the first generation's threshold
                a: list = []
                a.append(a)

        worker = threading.Thread(target=make_cycles, name="worker")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(threads), timeout=5000)  # the GUI thread's timer
    finally:
        gc.callbacks.remove(seen)
    assert threads == {threading.main_thread().name}


def test_collection_runs_anywhere_again_once_the_screens_close(qapp, config, catalog):
    from ui import gcguard
    from ui.app import create_app

    ui = config.ui.model_copy(update={"fullscreen": False, "voice": "mock"})
    app = create_app(config.model_copy(update={"ui": ui}), catalog, windowed=True)
    assert gcguard.held()
    app.close()
    assert not gcguard.held() and gc.isenabled()
