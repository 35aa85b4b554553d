"""The serial ID-card module as the kiosk sees it: a thread that watches for cards and says
what happens through plain callbacks (drivers.events), never on the GUI thread.

The cycle: find → select → read base information (with the card's fingerprint data, 0x30 0x10,
where the module offers it) → CardInserted (or CardUnreadable); then, as
long as the card stays, select keeps answering; when it stops, CardRemoved. Find cannot tell
that the card is still there: a module finds a card only once, until it has left the field.

The port may vanish (USB unplugged, simulator stopped): the reader goes offline, a card it held
counts as removed, and it reopens the port with growing pauses until it answers again, without
a restart (drivers.device). With no port configured it probes the given ports and bauds with
the status command.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from drivers.device import EventSink
from drivers.events import CardInserted, CardRemoved, CardUnreadable
from drivers.idreader.codec import (
    SW_BAD_COMMAND,
    FrameError,
    IdReaderError,
    RecordError,
    UnknownCardType,
)
from drivers.idreader.link import DEFAULT_BAUD, PROBE_BAUDS, ModuleError, ModuleLink, probe
from drivers.serialport import NoReply, PortLost, SerialDevice
from kiosk.devices import DeviceStatus
from kiosk.identity import Identity, OtherCard, ReadFailure

log = logging.getLogger(__name__)


class IdReader(SerialDevice[ModuleLink]):
    """Watch one ID module. `port` (and `baud`) if known; else `probe_ports` × `probe_bauds`
    are tried in order. Events go to `on_event` on the reader's thread: hand them over to the
    UI's thread there. `name` is the reader's name in events and in DeviceState."""

    lost_errors = (PortLost,)

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
        read_fingerprints: bool = False,
    ) -> None:
        super().__init__(
            name,
            on_event,
            port=port,
            probe_ports=probe_ports,
            what="the ID reader",
            backoff=backoff,
            interval=poll_interval,
            thread_name=f"{name}-poll",
        )
        self._port = port
        self._baud = baud
        self._probe_ports = tuple(probe_ports)
        self._probe_bauds = tuple(probe_bauds)
        self._link_args: dict[str, Any] = {
            "reply_timeout": reply_timeout,
            "read_timeout": read_timeout,
            "attempts": attempts,
            "cancel": self.stopping,  # stop() cuts a wait for a reply short
        }
        self._card = False  # a card was reported (inserted or unreadable) and not yet removed
        self._reading = False  # a card is being read: nothing reported about it yet
        # Ask for the card's fingerprint data too (0x30 0x10) until the module says it cannot.
        self.read_fingerprints = read_fingerprints

    # -- the device -----------------------------------------------------------------------------

    def connect(self) -> bool:
        self._link = self._open_link()
        if self._link is None:
            return False
        self._ready()
        return True

    def cycle(self) -> None:
        assert self._link is not None
        self._cycle(self._link)

    def close(self) -> None:
        self._drop_link()

    def lost(self, problem: Exception) -> None:
        super().lost(problem)
        if self._reading:
            # The module went away with a card on it: the reader is at fault, not the card.
            self._reading = False
            self._emit(
                CardUnreadable(
                    self.name,
                    f"the ID module went away while it read a card ({problem})",
                    ReadFailure.READER_LOST,
                )
            )
        if self._card:
            # Nothing vouches for the card any more: whoever holds the session must ask for
            # it again.
            self._card = False
            self._emit(CardRemoved(self.name))

    def _open_link(self) -> ModuleLink | None:
        if self._port is not None:
            try:
                link = ModuleLink(self._port, self._baud, **self._link_args)
            except PortLost as e:
                self._set_status(DeviceStatus.OFFLINE, str(e))
                return None
            try:
                link.module_status()
            except NoReply:
                link.close()
                self._set_status(
                    DeviceStatus.OFFLINE, f"{self._port} opens, but no module answers there"
                )
                return None
            except IdReaderError as e:
                link.close()
                self._set_status(DeviceStatus.ERROR, f"the module on {self._port} is not well: {e}")
                return None
            return link
        link = probe(self._probe_ports, self._probe_bauds, **self._link_args)
        if link is None:
            tried = ", ".join(self._probe_ports)
            self._set_status(DeviceStatus.OFFLINE, f"no ID module answers on {tried}")
        return link

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
            self._set_status(DeviceStatus.BUSY, "reading a card")
            if not link.select_card():
                self._ready()
                return  # gone as soon as found: nothing to report
        except NoReply as e:
            self._set_status(DeviceStatus.OFFLINE, str(e))
            return
        except (FrameError, ModuleError) as e:
            self._set_status(DeviceStatus.ERROR, str(e))
            return
        self._read(link)

    def _read_identity(self, link: ModuleLink) -> Identity:
        """Base information, with the card's fingerprint data where the module offers it
        (asked once; a module that does not know the command is not asked again)."""
        if self.read_fingerprints:
            try:
                return link.read_base_info(self.name, fingerprints=True)
            except ModuleError as e:
                if e.sw3 != SW_BAD_COMMAND:
                    raise
                log.info("%s: the module does not read cards' fingerprints", self.name)
                self.read_fingerprints = False
        return link.read_base_info(self.name)

    def _read(self, link: ModuleLink) -> None:
        self._card = True  # from here on, one CardRemoved ends whatever is reported
        self._reading = True  # PortLost goes up from here: lost() tells it
        try:
            identity = self._read_identity(link)
        except UnknownCardType as e:
            self._unreadable(str(e), ReadFailure.OTHER_CARD, OtherCard.ID_DOCUMENT)
        except RecordError as e:
            self._unreadable(f"the card's data is not valid: {e}", ReadFailure.BAD_DATA)
        except ModuleError as e:
            if self._still_there(link):
                self._unreadable(f"{e}, with the card in the field", ReadFailure.NO_ANSWER)
            else:
                self._unreadable(f"{e}: the card left the field", ReadFailure.LEFT)
                self._card = False
                self._emit(CardRemoved(self.name))
        except (FrameError, NoReply) as e:
            self._unreadable(f"the reply from the reader was damaged: {e}", ReadFailure.NO_ANSWER)
        else:
            self._reading = False
            self._emit(CardInserted(self.name, identity))
        self._ready()

    def _still_there(self, link: ModuleLink) -> bool:
        """After a failed read: whether the card is still in the field (True when the module
        cannot tell: better "try again" than "you took it away")."""
        try:
            return link.select_card()
        except (FrameError, ModuleError, NoReply):
            return True

    def _unreadable(
        self, problem: str, failure: ReadFailure, other: OtherCard | None = None
    ) -> None:
        self._reading = False
        self._emit(CardUnreadable(self.name, problem, failure, other))

    def _ready(self) -> None:
        link = self._link
        self._set_status(DeviceStatus.READY, f"on {link.port} at {link.baud} baud" if link else "")
