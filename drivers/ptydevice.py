"""A simulated serial device on a pty: what every serial simulator shares. The pty is raw, may
sit behind a stable symlink, hears only a host that opened it at the device's baud rate, and
answers paced at that rate; faults are queued and taken one reply at a time.

A subclass decodes what the host sends (`_received`) and answers with `_write`. The line is
served by a kiosk.background thread, so a bug in a simulator is logged and survived as in a
driver.
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
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Self

from kiosk.background import Background

_CHUNK = 64  # bytes handed over at once while pacing at the baud rate
_SPEEDS = {
    getattr(termios, f"B{rate}"): rate
    for rate in (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)
}


class LineFault(StrEnum):
    """What every serial simulator can do to a reply; a family's own faults add to these."""

    CHECKSUM = "checksum"  # the reply's (last) checksum is wrong
    CUT = "cut"  # only the first half of the reply is sent
    NOISE = "noise"  # random bytes before the reply
    SILENCE = "silence"  # no reply at all


@dataclass
class Injected:
    fault: Any
    count: int
    on: Any  # the command it waits for; None: the next reply whatever it answers


class PtyDevice(Background):
    """`path` is what the host opens: `link` (a symlink to the pty, replaced if it exists)
    when given, else the pty itself. `timing_scale` shortens or lengthens the processing
    delays, never the time on the wire; `seed` makes its noise and damage repeatable.
    Subclasses call `_start()` once they are set up."""

    # A reply cut short keeps its first half, and at least this many bytes: the host must see
    # a reply begin that never ends, not silence.
    _shortest_cut: ClassVar[int] = 1

    def __init__(
        self,
        *,
        baud: int,
        link: str | os.PathLike[str] | None,
        name: str,
        timing_scale: float = 1.0,
        seed: int | None = None,
    ) -> None:
        super().__init__(name)
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
        self._faults: list[Injected] = []
        self._wake_r, self._wake_w = os.pipe()
        self._closed = threading.Event()

    def _start(self) -> None:
        self.start()

    @property
    def path(self) -> str:
        return self.link or self.slave_path

    # -- faults -------------------------------------------------------------------------------

    def _inject(self, fault: Any, count: int, on: Any) -> None:
        with self._lock:
            self._faults.append(Injected(fault, count, on))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def _take_fault(self, fault: Any, on: Any) -> bool:
        with self._lock:
            for f in self._faults:
                # By value: a family's faults have the line's among them (LineFault).
                if f.fault == fault and f.on in (None, on):
                    f.count -= 1
                    if f.count <= 0:
                        self._faults.remove(f)
                    return True
        return False

    def send_noise(self, size: int = 64) -> None:
        """Random bytes on the line, unasked for (a noisy cable, another device talking)."""
        self._write(self._noise(size))

    def _noise(self, size: int) -> bytes:
        """`size` random bytes in which the host cannot find the start of a reply."""
        raise NotImplementedError

    def _answer(self, on: Any, reply: bytes) -> None:
        """Send `reply`, the answer to `on`, as the first line faults waiting for it say."""
        if self._take_fault(LineFault.SILENCE, on):
            return
        if self._take_fault(LineFault.CHECKSUM, on):
            reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
        if self._take_fault(LineFault.CUT, on):
            reply = reply[: max(len(reply) // 2, self._shortest_cut)]
        if self._take_fault(LineFault.NOISE, on):
            reply = self._noise(self._rng.randint(8, 64)) + reply
        self._write(reply)

    # -- the line -----------------------------------------------------------------------------

    def _received(self, buf: bytearray) -> None:
        """Decode and answer what `buf` holds, removing what was used."""
        raise NotImplementedError

    def _idle(self) -> None:
        """The host has sent nothing for `idle_seconds`: a device that acts on silence (a
        printer whose slip is torn off once it stops) does it here."""

    idle_seconds = 1.0

    def run(self) -> None:
        buf = bytearray()
        while not self._closed.is_set():
            ready, _, _ = select.select([self._master, self._wake_r], [], [], self.idle_seconds)
            if self._wake_r in ready or self._closed.is_set():
                return
            if not ready:
                self._idle()
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
            self._received(buf)

    def _host_speed_matches(self) -> bool:
        # A pty master reports the slave's settings: the baud the host opened the port at.
        try:
            speed = termios.tcgetattr(self._master)[5]
        except termios.error:
            return True
        return _SPEEDS.get(speed) == self.baud

    def _lossy(self, data: bytes) -> bytes:
        """What the link delivers of `data`; a perfect link by default."""
        return data

    def _write(self, data: bytes) -> None:
        """Out at the baud rate: a chunk is handed over when its last byte would have left
        the UART, so the host never has bytes sooner than a real line gives them."""
        baud = self.baud
        start = time.monotonic()
        for offset in range(0, len(data), _CHUNK):
            chunk = data[offset : offset + _CHUNK]
            self._pause(start + (offset + len(chunk)) * 10 / baud - time.monotonic())
            chunk = self._lossy(chunk)
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

    def _think(self, seconds: float) -> None:
        """The device working out its answer: `seconds`, scaled by `timing_scale`."""
        self._pause(seconds * self.timing_scale)

    # -- life ---------------------------------------------------------------------------------

    def close(self) -> None:
        """Stop answering and take the pty away, as when the device is unplugged."""
        if self._closed.is_set():
            return
        self._closed.set()
        os.write(self._wake_w, b"x")  # the thread waits in select(), not on an Event
        self.stop(5)
        for fd in (self._master, self._slave, self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.link is not None:
            with contextlib.suppress(OSError):
                if os.readlink(self.link) == self.slave_path:
                    os.unlink(self.link)

    def __enter__(self) -> Self:
        return self  # serving since it was made

    def __exit__(self, *exc: object) -> None:
        self.close()
