"""Python's garbage collector run on the GUI thread only, while the screens are up.

CPython collects reference cycles on whichever thread crosses the allocation threshold. A
collection on a worker (the print spooler, a device driver) that frees a Qt wrapper disconnects
its signals under Qt's connection lock, then waits for Python's lock, while the GUI thread holds
Python's lock and waits for Qt's in a connect: the kiosk froze for good (seen under test: the
spooler's thread against the view model's construction). The remedy PyQt and PySide programs
use (calibre, pyqtgraph, napari): automatic collection off, the same thresholds checked by a
timer on the GUI thread, so that every collection runs there."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 250  # garbage waits at most this long for its collection

_holders = 0
_collector: _Collector | None = None


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """A collection of the generations whose counts passed their thresholds, as CPython
        itself would have made it on the allocation that passed them."""
        t0, t1, t2 = self.threshold
        c0, c1, c2 = gc.get_count()
        if t0 and c0 > t0:
            gc.collect(0)
            if c1 > t1:
                gc.collect(1)
                if c2 > t2:
                    gc.collect(2)


def hold() -> None:
    """From now until the matching release(): collections on the GUI thread only. Call on
    the GUI thread, once the QCoreApplication exists."""
    global _holders, _collector
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("gcguard.hold() needs the application object")
    _holders += 1
    if _collector is None:
        _collector = _Collector(app)
    gc.disable()


def release() -> None:
    """The last holder gone: collections run wherever Python decides again."""
    global _holders, _collector
    _holders = max(0, _holders - 1)
    if _holders == 0:
        gc.enable()
        if _collector is not None:
            _collector.timer.stop()
            _collector.deleteLater()
            _collector = None


def held() -> bool:
    return _holders > 0
