"""One way to run work beside the screens: a named daemon thread that loops until stopped,
survives its own bugs, and stops promptly. Device drivers, the spooler and the sync worker
all stand on it.

A subclass writes `run()`, which loops while `self.running` and sleeps with
`self.pause(seconds)`, so that `stop()` cuts any sleep short.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Self

from kiosk.backoff import Backoff

log = logging.getLogger(__name__)


class Background:
    def __init__(self, name: str, *, thread_name: str | None = None) -> None:
        self.name = name
        # The thread's own name, where it says more than the worker's (a device's "pcsc"
        # watched by "pcsc-watcher"); logs speak of `name`.
        self.thread_name = thread_name or name
        self._stopping = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        # Mangled: subclasses have locks of their own, often called _lock.
        self.__lock = threading.Lock()

    @property
    def running(self) -> bool:
        """True from start() until stop() is asked."""
        return self._thread is not None and not self._stopping.is_set()

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def stopping(self) -> threading.Event:
        """Set once stop() is asked: hand it to blocking calls that can be cancelled."""
        return self._stopping

    def start(self) -> Self:
        """Start the thread; a second call while it runs does nothing."""
        with self.__lock:
            if self._thread is not None and self._thread.is_alive():
                return self
            self._stopping.clear()
            self._wake.clear()
            self._thread = threading.Thread(target=self._main, name=self.thread_name, daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the loop to end and wait up to `timeout` seconds for it: True once it has.
        Safe to call twice, or without start()."""
        self._stopping.set()
        self._wake.set()
        with self.__lock:
            thread = self._thread
        if thread is None:
            return True
        if thread is not threading.current_thread():
            thread.join(timeout)
        ended = not thread.is_alive()
        if ended:
            with self.__lock:
                if self._thread is thread:
                    self._thread = None
            self.stopped()
        return ended

    def wake(self) -> None:
        """Cut the current pause short (new work has come)."""
        self._wake.set()

    def pause(self, seconds: float) -> bool:
        """Sleep up to `seconds`, less if woken or stopped: True while still running."""
        if self._wake.wait(seconds):
            self._wake.clear()
        return not self._stopping.is_set()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _main(self) -> None:
        # A bug must not end the thread silently: log it (its type and frames only, never
        # its message, which may quote personal data; kiosk.logsafe) and go round again,
        # after a growing pause so that a repeating failure cannot spin.
        backoff = Backoff(0.5, 30.0)
        while not self._stopping.is_set():
            began = time.monotonic()
            try:
                self.run()
                return
            except Exception:
                log.exception("%s: unexpected failure; starting over", self.name)
                self.failed()
                # A failure after a long good run is a new one: the pause starts short again,
                # so that a bug met once a day does not stall the work for the longest pause.
                if time.monotonic() - began > backoff.cap:
                    backoff.reset()
                self.pause(backoff.next())

    def run(self) -> None:
        """The loop; return to end the thread."""
        raise NotImplementedError

    def failed(self) -> None:
        """Called after run() raised and before it runs again (close a port, say so)."""

    def stopped(self) -> None:
        """Called once the thread has ended by stop() (release what run() held)."""
