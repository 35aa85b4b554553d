"""The serial ID-card module as the kiosk sees it: a thread that watches for cards and says
what happens through plain callbacks (drivers.events), never on the GUI thread.

The cycle: find → select → read base information → CardInserted (or CardUnreadable); then, as
long as the card stays, select keeps answering; when it stops, CardRemoved. Find cannot tell
that the card is still there: a module finds a card only once, until it has left the field.

The port may vanish (USB unplugged, simulator stopped): the reader goes offline, a card it held
counts as removed, and it reopens the port with growing pauses until it answers again, without
a restart. With no port configured it probes the given ports and bauds with the status command.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

from drivers.events import CardInserted, CardRemoved, CardUnreadable, DriverEvent, StatusChanged
from drivers.idreader.codec import FrameError, IdReaderError, RecordError
from drivers.idreader.link import (
    DEFAULT_BAUD,
    PROBE_BAUDS,
    ModuleError,
    ModuleLink,
    NoReply,
    PortLost,
    probe,
)
from kiosk.devices import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

EventSink = Callable[[DriverEvent], None]


class IdReader:
    """Watch one ID module. `port` (and `baud`) if known; else `probe_ports` × `probe_bauds`
    are tried in order. Events go to `on_event` on the reader's thread: hand them over to the
    UI's thread there. `name` is the reader's name in events and in DeviceState."""

    def __init__(
        self,
        on_event: EventSink,
        *,
        port: str | None = None,
        baud: int = DEFAULT_BAUD,
        probe_ports: Sequence[str] = (),
        probe_bauds: Sequence[int] = PROBE_BAUDS,
        name: str = "idreader",
        poll_interval: float = 0.2,
        reply_timeout: float = 0.5,
        read_timeout: float = 2.0,
        attempts: int = 3,
        backoff: tuple[float, float] = (0.2, 5.0),
    ) -> None:
        if port is None and not probe_ports:
            raise ValueError("the ID reader needs a port, or ports to probe")
        self.name = name
        self._on_event = on_event
        self._port = port
        self._baud = baud
        self._probe_ports = tuple(probe_ports)
        self._probe_bauds = tuple(probe_bauds)
        self._poll = poll_interval
        self._link_args: dict[str, Any] = {
            "reply_timeout": reply_timeout,
            "read_timeout": read_timeout,
            "attempts": attempts,
        }
        self._backoff = backoff
        self._link: ModuleLink | None = None
        self._card = False  # a card was reported (inserted or unreadable) and not yet removed
        self._state = DeviceState(name, DeviceStatus.OFFLINE, "not started")
        self._stop = threading.Event()
        self._link_args["cancel"] = self._stop  # stop() cuts a wait for a reply short
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> DeviceState:
        return self._state

    @property
    def port(self) -> tuple[str, int] | None:
        """The port and baud in use, once the module has answered."""
        link = self._link
        return (link.port, link.baud) if link else None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the ID reader is already running")
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"{self.name}-poll", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop polling and close the port; no events after this returns."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._close()

    def __enter__(self) -> IdReader:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the thread ---------------------------------------------------------------------------

    def _run(self) -> None:
        pause = self._backoff[0]
        while not self._stop.is_set():
            if self._link is None:
                self._link = self._connect()
                if self._link is None:
                    self._stop.wait(pause)
                    pause = min(pause * 2, self._backoff[1])
                    continue
                pause = self._backoff[0]
                self._ready()
            try:
                self._cycle(self._link)
            except PortLost as e:
                log.warning("%s: %s", self.name, e)
                self._close()
                self._set(DeviceStatus.OFFLINE, str(e))
                if self._card:
                    # Nothing vouches for the card any more: whoever holds the session must
                    # ask for it again.
                    self._card = False
                    self._emit(CardRemoved(self.name))
                self._stop.wait(pause)
                continue
            except Exception:
                # A bug must not end the thread, or the kiosk loses the reader silently: start
                # again from a fresh port, after a pause so a repeating failure cannot spin.
                log.exception("%s: unexpected failure; reopening the port", self.name)
                self._close()
                self._set(DeviceStatus.ERROR, "unexpected failure in the driver (see the log)")
                self._stop.wait(pause)
                continue
            self._stop.wait(self._poll)

    def _connect(self) -> ModuleLink | None:
        if self._port is not None:
            try:
                link = ModuleLink(self._port, self._baud, **self._link_args)
            except PortLost as e:
                self._set(DeviceStatus.OFFLINE, str(e))
                return None
            try:
                link.module_status()
            except NoReply:
                link.close()
                self._set(DeviceStatus.OFFLINE, f"{self._port} opens, but no module answers there")
                return None
            except IdReaderError as e:
                link.close()
                self._set(DeviceStatus.ERROR, f"the module on {self._port} is not well: {e}")
                return None
            return link
        link = probe(self._probe_ports, self._probe_bauds, **self._link_args)
        if link is None:
            tried = ", ".join(self._probe_ports)
            self._set(DeviceStatus.OFFLINE, f"no ID module answers on {tried}")
        return link

    def _close(self) -> None:
        link, self._link = self._link, None
        if link is not None:
            link.close()

    def _cycle(self, link: ModuleLink) -> None:
        """One poll. PortLost goes up; everything else becomes a status or an event here."""
        try:
            if self._card:
                if not link.select_card():
                    self._card = False
                    self._emit(CardRemoved(self.name))
                self._ready()
                return
            if not link.find_card():
                self._ready()
                return
            self._set(DeviceStatus.BUSY, "reading a card")
            if not link.select_card():
                self._ready()
                return  # gone as soon as found: nothing to report
        except NoReply as e:
            self._set(DeviceStatus.OFFLINE, str(e))
            return
        except (FrameError, ModuleError) as e:
            self._set(DeviceStatus.ERROR, str(e))
            return
        self._read(link)

    def _read(self, link: ModuleLink) -> None:
        self._card = True  # from here on, one CardRemoved ends whatever is reported
        try:
            identity = link.read_base_info(self.name)
        except RecordError as e:
            self._unreadable(f"the card's data is not valid: {e}")
        except ModuleError as e:
            self._unreadable(f"{e}; the card may have moved")
        except (FrameError, NoReply) as e:
            self._unreadable(f"the reply from the reader was damaged: {e}")
        else:
            log.info("%s: card read: %r", self.name, identity)
            self._emit(CardInserted(self.name, identity))
        self._ready()

    def _unreadable(self, problem: str) -> None:
        log.warning("%s: card unreadable: %s", self.name, problem)
        self._emit(CardUnreadable(self.name, problem))

    # -- telling the kiosk --------------------------------------------------------------------

    def _ready(self) -> None:
        link = self._link
        self._set(DeviceStatus.READY, f"on {link.port} at {link.baud} baud" if link else "")

    def _set(self, status: DeviceStatus, detail: str) -> None:
        state = DeviceState(self.name, status, detail)
        if state == self._state:
            return
        self._state = state
        if status in (DeviceStatus.READY, DeviceStatus.BUSY):
            log.debug("%s: %s %s", self.name, status, detail)
        else:
            log.warning("%s: %s: %s", self.name, status, detail)
        self._emit(StatusChanged(state))

    def _emit(self, event: DriverEvent) -> None:
        if self._stop.is_set():
            return  # stop() promised silence
        try:
            self._on_event(event)
        except Exception:
            log.exception("%s: an event handler failed on %s", self.name, type(event).__name__)
