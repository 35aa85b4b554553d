"""What every serial device shares, whatever its protocol: opening a port, the two ways a line
fails (the port is gone; nobody answers), the open line a family's link builds on (SerialLink:
closing it, retrying a safe command), the driver that holds one (SerialDevice: where its port
is, the port in use), and finding a device by trying ports and baud rates.

PortLost and NoReply are the same classes for the ID module and the fingerprint sensor, so
that one `except` serves both; each family's own errors (a bad frame, a refusal) stay in its
codec.
"""

from __future__ import annotations

import contextlib
import logging
import os
import termios
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar

import serial

from drivers.device import Device, EventSink

log = logging.getLogger(__name__)

# Each read waits this long at most, so deadlines are kept to about this precision without
# changing the port's settings on every read (pyserial reconfigures the port when told a timeout).
READ_SLICE = 0.05
# What a serial port raises when it goes away: pyserial's own, the OS's, and termios' (which is
# not an OSError) from flushing a pty whose other end has closed.
PORT_ERRORS = (serial.SerialException, OSError, termios.error)


class Line(Protocol):
    def close(self) -> None: ...


L = TypeVar("L", bound=Line)
T = TypeVar("T")
S = TypeVar("S", bound="SerialLink")


class SerialError(Exception):
    """The serial line failed, whatever device is on it."""


class PortLost(SerialError):
    """The serial port went away (USB unplugged, simulator stopped) or cannot be opened."""


class NoReply(SerialError):
    """The device said nothing (or not all of it) before the timeout."""


def reason(e: BaseException) -> str:
    """The OS's words for what happened, without pyserial's repetition of the port's name."""
    code = getattr(e, "errno", None)
    if isinstance(e, termios.error) and e.args and isinstance(e.args[0], int):
        code = e.args[0]
    if isinstance(code, int) and code > 0:
        return os.strerror(code)
    return " ".join(str(e).split()) or type(e).__name__


def open_port(port: str, baud: int, serial_factory: Any = serial.Serial) -> Any:
    """`port` at `baud` 8N1, for this device alone, reads in READ_SLICE steps; PortLost if it
    cannot be opened."""
    try:
        return serial_factory(port, baud, timeout=READ_SLICE, write_timeout=1.0, exclusive=True)
    except (*PORT_ERRORS, ValueError) as e:
        raise PortLost(f"cannot open {port} at {baud} baud: {reason(e)}") from None


class SerialLink:
    """One open line to a device on `port` at `baud` 8N1, for a family's link to build on.
    `reply_timeout`: how long the device may think before it answers; `attempts`: how often a
    command that changes nothing is tried; `cancel`, set by whoever owns the link (the driver
    stopping), ends a wait for a reply at once."""

    # What the family's codec raises for a damaged reply: retried, like no reply at all.
    damaged: ClassVar[tuple[type[Exception], ...]] = ()

    def __init__(
        self,
        port: str,
        baud: int,
        *,
        reply_timeout: float,
        attempts: int,
        cancel: threading.Event | None,
        serial_factory: Any,
    ) -> None:
        self.port = port
        self.reply_timeout = reply_timeout
        self.attempts = max(1, attempts)
        self._cancel = cancel or threading.Event()
        self._serial = open_port(port, baud, serial_factory)

    @property
    def baud(self) -> int:
        return int(self._serial.baudrate)

    def close(self) -> None:
        # A port that is already gone is closed enough.
        with contextlib.suppress(*PORT_ERRORS):
            self._serial.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _with_retries(self, command: str, once: Callable[[], T], attempts: int) -> T:
        """`once()`, tried up to `attempts` times while the reply is damaged or missing (and the
        owner is not stopping); the last failure goes up."""
        for attempt in range(1, attempts + 1):
            try:
                return once()
            except (NoReply, *self.damaged) as e:
                if attempt == attempts or self._cancel.is_set():
                    raise
                # Said in the family's log, where the rest of its exchanges are.
                family_log = logging.getLogger(type(self).__module__)
                family_log.info("%s, attempt %d of %d: %s", command, attempt, attempts, e)
        raise AssertionError("unreachable")


class SerialDevice(Device, Generic[S]):
    """A driver (drivers.device) for a device on a serial line: at `port` when it is known,
    else found among `probe_ports` (`what` names it when neither is given); `_link` is its
    line while it is open."""

    def __init__(
        self,
        name: str,
        on_event: EventSink | None,
        *,
        port: str | None,
        probe_ports: Sequence[str],
        what: str,
        **device: Any,
    ) -> None:
        if port is None and not probe_ports:
            raise ValueError(f"{what} needs a port, or ports to probe")
        super().__init__(name, on_event, **device)
        self._link: S | None = None

    @property
    def port(self) -> tuple[str, int] | None:
        """The port and baud in use, once the device has answered."""
        link = self._link
        return (link.port, link.baud) if link else None

    def _drop_link(self) -> None:
        link, self._link = self._link, None
        if link is not None:
            link.close()


def probe(
    ports: Iterable[str],
    bauds: Iterable[int],
    open_at: Callable[[str, int], L],
    greet: Callable[[L], object],
    *,
    label: str,
    retry_on: tuple[type[Exception], ...] = (),
    problems: list[str] | None = None,
) -> L | None:
    """The first port and baud where `greet` (a harmless command) is answered, left open;
    None if none is. A port that cannot be opened is passed over at every rate (its reason
    added to `problems`); NoReply or `retry_on` tries the next rate; any other error closes
    the line and goes up (a device that answers but refuses us). Each try sends a few bytes
    to whatever is on those ports: give it the ports that may hold the device, not all."""
    bauds = tuple(bauds)
    for port in ports:
        for baud in bauds:
            try:
                link = open_at(port, baud)
            except PortLost as e:
                log.debug("probe: %s", e)
                if problems is not None:
                    problems.append(str(e))
                break  # no such port: no other baud will open it either
            try:
                greet(link)
            except PortLost as e:
                log.debug("probe: %s", e)
                link.close()
                if problems is not None:
                    problems.append(str(e))
                break
            except (NoReply, *retry_on) as e:
                log.debug("probe: %s at %d: %s", port, baud, e)
                link.close()
                continue
            except BaseException:
                link.close()
                raise
            log.info("found %s on %s at %d baud", label, port, baud)
            return link
    return None
