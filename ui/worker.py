"""Blocking work off the GUI thread, its result back on it.

The GUI thread only paints and reacts: a call to the hub, the outbox or a printer runs on a
worker thread, and its result (or the exception) comes back through a queued signal to a
callback on the GUI thread. A result that arrives after its caller gave up (the session was
wiped) is dropped by the caller's generation check.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class Worker(QObject):
    _finished = Signal(object, object, object)  # callback, result, exception

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._finished.connect(self._deliver)
        self._running: set[threading.Thread] = set()

    def run(
        self,
        name: str,
        work: Callable[[], Any],
        done: Callable[[Any, BaseException | None], None],
    ) -> None:
        def target() -> None:
            try:
                result = work()
            except Exception as e:  # handed to the GUI thread, which decides what to say
                # The kind only: a validation error's text quotes the values, personal ones too.
                log.warning("%s failed: %s", name, type(e).__name__)
                self._finished.emit(done, None, e)
            else:
                self._finished.emit(done, result, None)
            finally:
                self._running.discard(thread)

        thread = threading.Thread(target=target, name=name, daemon=True)
        self._running.add(thread)
        thread.start()

    def _deliver(self, done: Callable, result: Any, error: BaseException | None) -> None:
        done(result, error)

    def wait(self, timeout: float = 10.0) -> None:
        """For tests and shutdown: let running work finish."""
        for thread in list(self._running):
            thread.join(timeout)
