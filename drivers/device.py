"""The one base every peripheral driver stands on: a name, a status the kiosk can trust, and
one thread that opens the device, works it, and opens it again whenever it is lost.

A driver writes three things, and nothing of the life cycle:

- `connect() -> bool`: open the device. When it cannot, say why in the status (OFFLINE: not
  there; ERROR: there but wrong) and return False, or raise one of `lost_errors`.
- `cycle()`: one round of work on the open device (a poll, a wait for a change, frames until
  the end of a file). Raise one of `lost_errors` when the device has gone.
- `close()`: let go of what `connect()` opened; safe to call when nothing is open.

Between failed tries the thread waits a pause that doubles up to a cap (kiosk.backoff) and
starts over after a round that went well, so an unplugged device is looked for often at
first, then calmly. Anything else a round raises is a bug: it is logged (frames and type,
never the message: kiosk.logsafe), the device is closed and shown as ERROR, and the loop goes
on after the pause; the reader is never lost silently.

Events reach `on_event` on the device's thread (the UI re-emits them as queued signals); a
handler hands them over and returns, never calling back into the driver, and one that raises
is logged while the driver carries on. From `stop()` until the next `start()` no event is sent.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import ClassVar

from drivers.events import DriverEvent, StatusChanged
from kiosk.background import Background
from kiosk.backoff import Backoff
from kiosk.devices import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

EventSink = Callable[[DriverEvent], None]
UNEXPECTED = "unexpected failure in the driver (see the log)"
# Statuses of a device going about its work: only technicians chasing a problem want them.
_EVERYDAY = (DeviceStatus.READY, DeviceStatus.BUSY)


class Device(Background):
    """A peripheral called `name` (its name in DeviceState and in events) reporting to
    `on_event`. `backoff`: the first and the longest pause between tries (or a Backoff);
    `interval`: the pause after each round of work; `thread_name`: the thread's, if not
    `name`; `detail`: the status's words until the device first says something."""

    # What `cycle()` (or `connect()`) raises when the device has gone: it is closed, `lost()`
    # says so, and it is opened again after the pause.
    lost_errors: ClassVar[tuple[type[Exception], ...]] = ()

    def __init__(
        self,
        name: str,
        on_event: EventSink | None = None,
        *,
        backoff: Backoff | tuple[float, float] = (0.2, 5.0),
        interval: float = 0.0,
        thread_name: str | None = None,
        detail: str = "not started",
    ) -> None:
        super().__init__(name, thread_name=thread_name)
        self.on_event = on_event
        self.interval = interval
        self._backoff = backoff if isinstance(backoff, Backoff) else Backoff(*backoff)
        # Re-entrant: a handler may ask the device's state while it is being told of it.
        self._status_lock = threading.RLock()
        self._initial = DeviceState(name, DeviceStatus.OFFLINE, detail)  # no fault: not logged
        self._states: dict[str, DeviceState] = {name: self._initial}
        self._device_open = False

    # -- what the kiosk sees ------------------------------------------------------------------

    @property
    def state(self) -> DeviceState:
        return self._states[self.name]

    def states(self) -> dict[str, DeviceState]:
        """The latest state of the device and of every part of it reported apart (the PC/SC
        service and each of its readers)."""
        with self._status_lock:
            return dict(self._states)

    def stop(self, timeout: float = 5.0) -> bool:
        """Stop the thread and close the device: True once both are done. No events after
        this returns. Safe to call twice, or without start()."""
        self.stopping.set()
        self.interrupt()
        ended = super().stop(timeout)
        if ended:
            # Not while the thread may still be inside the device (a camera read): it closes
            # the device itself on its way out.
            self.close()
        return ended

    # -- what a driver writes -----------------------------------------------------------------

    def connect(self) -> bool:
        """Open the device: True when it answers; False (the status saying why) when not."""
        return True

    def cycle(self) -> None:
        """One round of work on the open device."""

    def close(self) -> None:
        """Let go of the device; safe when nothing is open."""

    def lost(self, problem: Exception) -> None:
        """The device has gone (`problem` is one of `lost_errors`, in plain words): close it
        and say so. A driver adds what the loss means (a card that was in counts as out)."""
        self.close()
        self._set_status(DeviceStatus.OFFLINE, str(problem))

    def failed(self) -> None:
        """A bug in a round (already logged): close the device, show it as not well."""
        self.close()
        self._set_status(DeviceStatus.ERROR, UNEXPECTED)

    def interrupt(self) -> None:
        """Cut a blocking call short once stop() is asked (what `stopping` cannot reach)."""

    # -- the thread ---------------------------------------------------------------------------

    def run(self) -> None:
        try:
            while self.running:
                try:
                    if not self._device_open:
                        if not self.connect():
                            self.pause(self._backoff.next())
                            continue
                        self._device_open = True
                    self.cycle()
                except self.lost_errors as e:
                    self._device_open = False
                    self.lost(e)
                    self.pause(self._backoff.next())
                    continue
                except Exception:
                    # Here rather than in Background's net, so that the pause is the device's
                    # own and starts over once the device works again.
                    log.exception("%s: unexpected failure; opening the device again", self.name)
                    self._device_open = False
                    self.failed()
                    self.pause(self._backoff.next())
                    continue
                self._backoff.reset()
                self.pause(self.interval)
        finally:
            self._device_open = False
            self.close()

    # -- telling the kiosk --------------------------------------------------------------------

    def _set_status(
        self,
        status: DeviceStatus,
        detail: str = "",
        *,
        name: str | None = None,
        final: bool = False,
    ) -> bool:
        """Record the status of the device (or of its part `name`); a repeat is dropped, a
        change logged once and told as StatusChanged. `detail` is plain words for technicians,
        never personal data. `final`: told even after stop() (the device's last word)."""
        state = DeviceState(name or self.name, status, detail)
        with self._status_lock:
            before = self._states.get(state.name)
            if before == state:
                return False
            self._states[state.name] = state
            level = logging.DEBUG if status in _EVERYDAY else logging.WARNING
            if (
                status in _EVERYDAY
                and before is not None
                and before is not self._initial  # the first word is no fault
                and before.status not in _EVERYDAY
            ):
                # A fault's end, in the kiosk's log beside the fault: the device history the
                # diagnostic bundle gathers (services.diagnostics).
                level = logging.INFO
            log.log(level, "%s: %s%s", state.name, status.value, f": {detail}" if detail else "")
            # Told under the lock, so that what the kiosk heard last is what the device holds.
            self._emit(StatusChanged(state), final=final)
        return True

    def _emit(self, event: DriverEvent, *, final: bool = False) -> None:
        if self.stopping.is_set() and not final:
            return  # stop() promised silence
        if not isinstance(event, StatusChanged):
            # An Identity's repr is masked; problems are plain words: nothing personal here.
            log.info("%s: %s", self.name, event)
        if self.on_event is None:
            return
        try:
            self.on_event(event)
        except Exception:
            log.exception("%s: an event handler failed on %s", self.name, type(event).__name__)
