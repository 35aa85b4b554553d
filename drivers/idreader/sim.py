"""A simulated ID-card module on a pseudo-terminal, for demos, tests and technicians.

It answers the same frames as a real module (drivers.idreader.codec), at the pace of a real
one: every reply leaves at bytes × 10 / baud, after a processing delay like a module's. The
host must open the pty at the module's baud: at any other rate a real UART hears garbage, and
so this one hears nothing, which is what probing relies on.

A card goes through the states a contactless card goes through: in the field but not found,
found, then selected (active). An active card no longer answers find ("the card must leave the
field before the next find succeeds") but keeps answering select until it is taken away.

Faults are injected for the next replies (optionally only to one command): a bad checksum, a
frame cut short, noise before the frame, silence, or garbage in a card's text.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import select
import termios
import threading
import time
import tty
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from drivers.idreader.codec import (
    PREAMBLE,
    SW_BAD_CHECKSUM,
    SW_BAD_COMMAND,
    SW_CARD_FOUND,
    SW_FIND_FAILED,
    SW_READ_FAILED,
    SW_SELECT_FAILED,
    SW_SUCCESS,
    TEXT_SIZE,
    BadChecksum,
    Command,
    FrameError,
    decode_frame,
    encode_base_info,
    encode_reply,
    parse_command,
)
from drivers.idreader.samples import SAMPLE_RESIDENTS
from kiosk.identity import Identity

DEFAULT_BAUD = 115200
# How long a module thinks before it answers, in seconds: the SAM authenticates the card before
# it reads, so a read takes far longer than the wire alone (1,295 bytes ≈ 0.11 s at 115200).
PROCESSING: Mapping[Command, float] = {
    Command.MODULE_STATUS: 0.005,
    Command.FIND_CARD: 0.03,
    Command.SELECT_CARD: 0.03,
    Command.READ_BASE_INFO: 0.4,
}
_CHUNK = 32  # bytes written at once while pacing a reply at the baud rate
_SPEEDS = {
    getattr(termios, f"B{rate}"): rate
    for rate in (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)
}


class Fault(StrEnum):
    CHECKSUM = "checksum"  # the reply's checksum is wrong
    CUT = "cut"  # only the first half of the reply is sent
    NOISE = "noise"  # random bytes before the reply
    SILENCE = "silence"  # no reply at all
    GARBAGE = "garbage"  # the card's text, in a read reply, is random bytes


class CardState(StrEnum):
    IN_FIELD = "in field"
    FOUND = "found"
    ACTIVE = "active"


@dataclass
class _Injected:
    fault: Fault
    count: int
    command: Command | None


class SimulatedModule:
    """A module on a new pty. `path` is what the host opens: `link` (a symlink to the pty,
    replaced if it exists) when given, else the pty itself. `timing_scale` shortens or
    lengthens the processing delays, never the time on the wire."""

    def __init__(
        self,
        *,
        baud: int = DEFAULT_BAUD,
        link: str | os.PathLike[str] | None = None,
        timing_scale: float = 1.0,
        seed: int | None = None,
    ) -> None:
        self.baud = baud
        self.timing_scale = timing_scale
        self._rng = random.Random(seed)
        self._master, self._slave = os.openpty()
        # Raw from the start, so no line discipline echoes or rewrites bytes before the host
        # opens the port (pyserial makes it raw again when it does).
        tty.setraw(self._slave)
        os.set_blocking(self._master, False)
        self.slave_path = os.ttyname(self._slave)
        self.link = os.fspath(link) if link is not None else None
        if self.link is not None:
            tmp = f"{self.link}.{os.getpid()}.tmp"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            os.symlink(self.slave_path, tmp)
            os.replace(tmp, self.link)  # atomic: the host never sees the link missing
        self._lock = threading.Lock()
        self._card: bytes | None = None  # base information data of the card in the field
        self._card_state = CardState.IN_FIELD
        self._faults: list[_Injected] = []
        self.commands_seen: list[Command | None] = []
        self._wake_r, self._wake_w = os.pipe()
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="idreader-sim", daemon=True)
        self._thread.start()

    @property
    def path(self) -> str:
        return self.link or self.slave_path

    # -- what a person does with cards --------------------------------------------------------

    def place(self, identity: Identity) -> None:
        """Put a card holding `identity` on the reader (taking away any other)."""
        self._place(encode_base_info(identity))

    def place_garbage(self) -> None:
        """A card whose text is random bytes: a damaged or foreign card."""
        data = encode_base_info(SAMPLE_RESIDENTS[0])
        self._place(data[:4] + self._rng.randbytes(TEXT_SIZE) + data[4 + TEXT_SIZE :])

    def _place(self, data: bytes) -> None:
        with self._lock:
            self._card = data
            self._card_state = CardState.IN_FIELD

    def remove(self) -> None:
        with self._lock:
            self._card = None

    @property
    def card_state(self) -> CardState | None:
        with self._lock:
            return None if self._card is None else self._card_state

    # -- faults -------------------------------------------------------------------------------

    def inject(self, fault: Fault | str, count: int = 1, command: Command | None = None) -> None:
        """The next `count` replies (to `command` only, if given) get `fault`."""
        with self._lock:
            self._faults.append(_Injected(Fault(fault), count, command))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def send_noise(self, size: int = 64) -> None:
        """Random bytes on the line, unasked for (a noisy cable, another device talking)."""
        self._write(self._noise(size))

    def _noise(self, size: int) -> bytes:
        while True:
            noise = self._rng.randbytes(size)
            if PREAMBLE not in noise:  # noise that frames a reply is not noise
                return noise

    def _take_fault(self, fault: Fault, command: Command | None) -> bool:
        with self._lock:
            for f in self._faults:
                if f.fault is fault and f.command in (None, command):
                    f.count -= 1
                    if f.count <= 0:
                        self._faults.remove(f)
                    return True
        return False

    # -- the module ---------------------------------------------------------------------------

    def _serve(self) -> None:
        buf = bytearray()
        while not self._closed.is_set():
            ready, _, _ = select.select([self._master, self._wake_r], [], [], 1.0)
            if self._wake_r in ready or self._closed.is_set():
                return
            if not ready:
                continue
            try:
                data = os.read(self._master, 4096)
            except BlockingIOError:
                continue
            except OSError:
                return  # the pty is being closed
            if not self._host_speed_matches():
                buf.clear()  # a UART at another rate hears only framing errors
                continue
            buf += data
            while buf:
                try:
                    body, used = decode_frame(buf)
                except BadChecksum as e:
                    del buf[: e.consumed]
                    self._answer(None, encode_reply(SW_BAD_CHECKSUM))
                    continue
                except FrameError as e:
                    del buf[: e.consumed]
                    continue
                del buf[:used]
                if body is None:
                    break
                self._command(body)

    def _host_speed_matches(self) -> bool:
        # A pty master reports the slave's settings: the baud the host opened the port at.
        try:
            speed = termios.tcgetattr(self._master)[5]
        except termios.error:
            return True
        return _SPEEDS.get(speed) == self.baud

    def _command(self, body: bytes) -> None:
        try:
            command = parse_command(body).command
        except FrameError:
            command = None
        self.commands_seen.append(command)
        if command is None:
            self._answer(None, encode_reply(SW_BAD_COMMAND))
            return
        self._pause(PROCESSING[command] * self.timing_scale)
        self._answer(command, self._reply(command))

    def _reply(self, command: Command) -> bytes:
        with self._lock:
            card, state = self._card, self._card_state
            if command is Command.MODULE_STATUS:
                return encode_reply(SW_SUCCESS)
            if command is Command.FIND_CARD:
                if card is None or state is CardState.ACTIVE:
                    return encode_reply(SW_FIND_FAILED)
                self._card_state = CardState.FOUND
                return encode_reply(SW_CARD_FOUND, bytes(4))
            if command is Command.SELECT_CARD:
                if card is None or state is CardState.IN_FIELD:
                    return encode_reply(SW_SELECT_FAILED)
                self._card_state = CardState.ACTIVE
                return encode_reply(SW_SUCCESS, bytes(8))
            # Read base information.
            if card is None or state is not CardState.ACTIVE:
                return encode_reply(SW_READ_FAILED)
        if self._take_fault(Fault.GARBAGE, command):
            card = card[:4] + self._rng.randbytes(TEXT_SIZE) + card[4 + TEXT_SIZE :]
        return encode_reply(SW_SUCCESS, card)

    def _answer(self, command: Command | None, frame: bytes) -> None:
        if self._take_fault(Fault.SILENCE, command):
            return
        if self._take_fault(Fault.CHECKSUM, command):
            frame = frame[:-1] + bytes([frame[-1] ^ 0xFF])
        if self._take_fault(Fault.CUT, command):
            frame = frame[: max(len(frame) // 2, 8)]
        if self._take_fault(Fault.NOISE, command):
            frame = self._noise(self._rng.randint(8, 64)) + frame
        self._write(frame)

    def _write(self, data: bytes) -> None:
        """Out at the baud rate: the host sees a frame arrive over time, as from a UART."""
        start = time.monotonic()
        for offset in range(0, len(data), _CHUNK):
            self._pause(start + offset * 10 / self.baud - time.monotonic())
            chunk = data[offset : offset + _CHUNK]
            while chunk and not self._closed.is_set():
                try:
                    chunk = chunk[os.write(self._master, chunk) :]
                except BlockingIOError:
                    # Nobody is reading and the pty's buffer is full: wait a little, not forever.
                    if not select.select([], [self._master], [], 0.5)[1]:
                        return
                except OSError as e:
                    if e.errno in (errno.EIO, errno.EBADF):
                        return
                    raise

    def _pause(self, seconds: float) -> None:
        if seconds > 0:
            self._closed.wait(seconds)

    # -- life ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop answering and take the pty away, as when the module is unplugged."""
        if self._closed.is_set():
            return
        self._closed.set()
        os.write(self._wake_w, b"x")
        self._thread.join(5)
        for fd in (self._master, self._slave, self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.link is not None:
            with contextlib.suppress(FileNotFoundError):
                if os.readlink(self.link) == self.slave_path:
                    os.unlink(self.link)

    def __enter__(self) -> SimulatedModule:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
