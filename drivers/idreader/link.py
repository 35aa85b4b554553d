"""One open serial line to an ID module: a command out, its reply back, checked.

Reads are in bulk (what the frame still needs, or more when more is waiting), never a byte at
a time; noise before a reply is skipped by finding the next preamble; every checksum is
verified; stale bytes (a late reply, noise) are dropped before each command, because replies do
not say which command they answer, and a reply that comes later still but cannot be the
command's (by its status and size) is skipped. Commands that change nothing on the card
(status, find, select) are retried a bounded number of times; read base information is not: a
damaged read is reported and the resident places the card again.

The port failing (PortLost) and the module not answering (NoReply) are drivers.serialport's,
shared with every serial device; they are importable from here as before.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from typing import Any

import serial

from drivers.idreader.codec import (
    BASE_INFO_SIZE,
    FINGERPRINT_INFO_SIZE,
    HEADER_SIZE,
    PREAMBLE,
    SW_CARD_FOUND,
    SW_FIND_FAILED,
    SW_READ_FAILED,
    SW_SELECT_FAILED,
    SW_SUCCESS,
    BadChecksum,
    Command,
    FrameError,
    IdReaderError,
    Reply,
    decode_frame,
    encode_command,
    frame_size,
    parse_base_info,
    parse_fingerprint_info,
    parse_reply,
)
from drivers.serialport import PORT_ERRORS, NoReply, PortLost, SerialLink, reason
from drivers.serialport import probe as probe_ports
from kiosk.identity import Identity

log = logging.getLogger(__name__)

DEFAULT_BAUD = 115200
# Most modules ship at 115200; older ones at 9600; a few are set to the rates between.
PROBE_BAUDS = (115200, 57600, 38400, 19200, 9600)
_SAFE = frozenset({Command.MODULE_STATUS, Command.FIND_CARD, Command.SELECT_CARD})


class ModuleError(IdReaderError):
    """The module answered, with a failure status other than the everyday "no card"."""

    def __init__(self, message: str, sw3: int | None = None) -> None:
        super().__init__(message)
        self.sw3 = sw3


def _expected_reply(command: Command) -> int:
    if command is Command.READ_BASE_INFO:
        return frame_size(bytes(3 + BASE_INFO_SIZE))
    if command is Command.READ_FINGERPRINT_INFO:
        return frame_size(bytes(3 + FINGERPRINT_INFO_SIZE))
    return frame_size(bytes(3 + _CARD_DATA))  # find and select carry a few bytes of card data


# Statuses only some commands answer with: a reply with one of them, to any other command, is
# another command's late reply.
_ONLY: dict[int, frozenset[Command]] = {
    SW_CARD_FOUND: frozenset({Command.FIND_CARD}),
    SW_FIND_FAILED: frozenset({Command.FIND_CARD, Command.SELECT_CARD}),
    SW_SELECT_FAILED: frozenset({Command.SELECT_CARD}),
    SW_READ_FAILED: frozenset({Command.READ_BASE_INFO, Command.READ_FINGERPRINT_INFO}),
}
_READS = frozenset({Command.READ_BASE_INFO, Command.READ_FINGERPRINT_INFO})
_CARD_DATA = 8  # at most this much data comes with find's and select's replies


def _could_answer(command: Command, reply: Reply) -> bool:
    """False for a reply that cannot be `command`'s: a status only other commands give, data
    where status answers none, or a read's success no longer than find's or select's data."""
    if command not in _ONLY.get(reply.sw3, frozenset(Command)):
        return False
    if command is Command.MODULE_STATUS:
        return not reply.data
    if command in _READS and reply.sw3 == SW_SUCCESS:
        return len(reply.data) > _CARD_DATA
    return True


class ModuleLink(SerialLink):
    """An ID module on `port` at `baud` 8N1 (SerialLink). `reply_timeout`: how long the module
    may think before answering status, find or select; `read_timeout` the same for read base
    information. The time the reply takes on the wire at this baud is added to both."""

    damaged = (FrameError,)

    def __init__(
        self,
        port: str,
        baud: int = DEFAULT_BAUD,
        *,
        reply_timeout: float = 0.5,
        read_timeout: float = 2.0,
        attempts: int = 3,
        cancel: threading.Event | None = None,
        serial_factory: Any = serial.Serial,
    ) -> None:
        super().__init__(
            port,
            baud,
            reply_timeout=reply_timeout,
            attempts=attempts,
            cancel=cancel,
            serial_factory=serial_factory,
        )
        self.read_timeout = read_timeout

    # -- commands -----------------------------------------------------------------------------

    def module_status(self) -> None:
        """Returns if the module reports itself well; ModuleError otherwise."""
        reply = self.transact(Command.MODULE_STATUS)
        if reply.sw3 != SW_SUCCESS:
            raise ModuleError(f"module status: {reply.words}")

    def find_card(self) -> bool:
        """True if a card not read yet is in the field."""
        reply = self.transact(Command.FIND_CARD)
        if reply.sw3 in (SW_CARD_FOUND, SW_SUCCESS):
            return True
        if reply.sw3 == SW_FIND_FAILED:
            return False
        raise ModuleError(f"find card: {reply.words}")

    def select_card(self) -> bool:
        """True if the card found (or already read) is still in the field and answers."""
        reply = self.transact(Command.SELECT_CARD)
        if reply.sw3 == SW_SUCCESS:
            return True
        if reply.sw3 in (SW_SELECT_FAILED, SW_FIND_FAILED):
            return False
        raise ModuleError(f"select card: {reply.words}")

    def read_base_info(self, reader: str, fingerprints: bool = False) -> Identity:
        """The card's base information; with `fingerprints`, its fingerprint feature data too
        (command 0x30 0x10: ModuleError with sw3 SW_BAD_COMMAND on a module without it)."""
        command = Command.READ_FINGERPRINT_INFO if fingerprints else Command.READ_BASE_INFO
        reply = self.transact(command)
        if reply.sw3 != SW_SUCCESS:
            raise ModuleError(f"read base information: {reply.words}", reply.sw3)
        if fingerprints:
            return parse_fingerprint_info(reply.data, reader)
        return parse_base_info(reply.data, reader)

    def read_card(self, reader: str) -> Identity | None:
        """Find, select and read in one go (benchmarks, technicians): None without a card."""
        if not self.find_card() or not self.select_card():
            return None
        return self.read_base_info(reader)

    # -- the wire -----------------------------------------------------------------------------

    def transact(self, command: Command, data: bytes = b"") -> Reply:
        """Send one command and return its reply; safe commands are retried on a damaged
        reply or none. PortLost, NoReply or FrameError when it cannot be done."""
        attempts = self.attempts if command in _SAFE else 1
        return self._with_retries(command.name, lambda: self._once(command, data), attempts)

    def _timeout(self, command: Command) -> float:
        wire = _expected_reply(command) * 10 / self.baud
        reads = (Command.READ_BASE_INFO, Command.READ_FINGERPRINT_INFO)
        base = self.read_timeout if command in reads else self.reply_timeout
        return base + 1.5 * wire

    def _once(self, command: Command, data: bytes) -> Reply:
        frame = encode_command(command, data)
        deadline = time.monotonic() + self._timeout(command)
        buf = bytearray()
        try:
            self._serial.reset_input_buffer()
            self._serial.write(frame)
            while True:
                reply = parse_reply(self._read_frame(deadline, buf))
                if _could_answer(command, reply):
                    return reply
                # The flush above cannot catch a reply still on its way: to a command whose
                # owner went before it came (a driver stopped while it waited, and the
                # technician's test that opened the port next). Replies do not say which
                # command they answer, but their status and size can say which they cannot.
                log.info(
                    "skipped a late %r on %s while waiting for %s", reply, self.port, command.name
                )
        except PORT_ERRORS as e:
            raise PortLost(f"the port {self.port} failed: {reason(e)}") from None

    def _read_frame(self, deadline: float, buf: bytearray) -> bytes:
        """The next frame's body from `buf` and the line; the bytes after it stay in `buf`."""
        noise = 0
        while True:
            try:
                body, used = decode_frame(buf)
            except BadChecksum:
                raise  # a whole frame by its own length: that was the reply, and it is damaged
            except FrameError as e:
                # A length no frame has: noise that looked like a preamble; keep looking.
                del buf[: e.consumed]
                noise += e.consumed
                continue
            if body is not None:
                del buf[:used]
                noise += used - frame_size(body)
                if noise:
                    log.info("skipped %d noise bytes before a reply on %s", noise, self.port)
                return body
            del buf[:used]
            noise += used
            if time.monotonic() >= deadline:
                raise self._late(buf, noise)
            if self._cancel.is_set():
                raise NoReply("stopped while waiting for the module")
            # What the frame under way still needs (at least its header), or all that waits.
            if len(buf) >= HEADER_SIZE:
                need = HEADER_SIZE + int.from_bytes(buf[5:7], "big") - len(buf)
            else:
                need = HEADER_SIZE - len(buf)
            buf += self._serial.read(max(need, self._serial.in_waiting))

    def _late(self, buf: bytearray, noise: int) -> FrameError | NoReply:
        if buf.startswith(PREAMBLE) and len(buf) >= HEADER_SIZE:
            total = HEADER_SIZE + int.from_bytes(buf[5:7], "big")
            return FrameError(f"the reply was cut short: {len(buf)} of {total} bytes arrived")
        if buf or noise:
            return FrameError(f"{noise + len(buf)} bytes of noise arrived but no reply")
        return NoReply(f"the module on {self.port} did not answer in time")


def probe(
    ports: Iterable[str],
    bauds: Iterable[int] = PROBE_BAUDS,
    **link_args: Any,
) -> ModuleLink | None:
    """The first port and baud where a module answers the status command, left open; None if
    none does (drivers.serialport.probe)."""
    link_args.setdefault("attempts", 1)
    return probe_ports(
        ports,
        bauds,
        lambda port, baud: ModuleLink(port, baud, **link_args),
        ModuleLink.module_status,
        label="the ID module",
        retry_on=(IdReaderError,),
    )
