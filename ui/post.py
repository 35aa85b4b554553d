"""Work handed back to the screens' thread: `post(fn)` from any thread runs fn there, in
order, once the event loop gets to it. The services (services/) tell the screens everything
through it, so they need no Qt."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal


class Poster(QObject):
    """Made on the screens' thread, and kept alive as long as anything may post."""

    _call = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Queued even from the screens' own thread: a result never arrives inside the call
        # that asked for it.
        self._call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[[], None]) -> None:
        self._call.emit(fn)

    def _run(self, fn: Callable[[], None]) -> None:
        fn()
