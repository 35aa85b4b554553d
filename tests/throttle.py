"""A TCP proxy on loopback between the kiosk and a printer that carries the kiosk's bytes no
faster than `rate` bytes a second, as a slow network or serial line would, and can keep the
printer's replies back (a return path that fails).

It reads from the kiosk a little at a time, so what the link has not carried yet waits in
the kiosk's socket, as on a real link: a kiosk killed with answers unread resets the
connection and that backlog never arrives; one that closes cleanly has all of it delivered.
"""

from __future__ import annotations

import select
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

TICK = 0.02  # seconds of the link's bytes read at once


class Throttle:
    def __init__(self, upstream_port: int, rate: float | None) -> None:
        self.upstream_port = upstream_port
        self.rate = rate  # bytes a second towards the printer; None: as fast as they come
        self.hold_replies = False  # keep the printer's replies from the kiosk
        self.carried = 0  # bytes carried to the printer
        self.port = 0
        self.stop = threading.Event()


def _reset(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        sock.close()


def _to_printer(t: Throttle, kiosk: socket.socket, printer: socket.socket) -> None:
    start, carried = time.monotonic(), 0
    try:
        while not t.stop.is_set():
            rate = t.rate
            data = kiosk.recv(max(16, int(rate * TICK)) if rate else 65536)
            if not data:
                break
            printer.sendall(data)
            carried += len(data)
            t.carried += len(data)
            if rate:
                due = start + carried / rate - time.monotonic()
                if due > 0:
                    t.stop.wait(due)
                elif due < -1:  # after a quiet spell the link does not owe a burst
                    start, carried = time.monotonic(), 0
    except OSError:
        _reset(printer)  # the kiosk's end was reset: so is the printer's
        return
    with suppress(OSError):
        printer.shutdown(socket.SHUT_WR)


def _to_kiosk(t: Throttle, printer: socket.socket, kiosk: socket.socket) -> None:
    held = bytearray()
    try:
        while not t.stop.is_set():
            # Not a socket timeout: the other direction writes to the same socket.
            data = printer.recv(4096) if select.select([printer], [], [], 0.05)[0] else None
            if data == b"":
                break
            if data:
                held += data
            if held and not t.hold_replies:
                kiosk.sendall(held)
                held.clear()
    except OSError:
        _reset(kiosk)
        return
    with suppress(OSError):
        kiosk.shutdown(socket.SHUT_WR)
    kiosk.close()
    printer.close()


@contextmanager
def throttled(upstream_port: int, rate: float | None) -> Iterator[Throttle]:
    t = Throttle(upstream_port, rate)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    t.port = listener.getsockname()[1]

    def serve() -> None:
        while not t.stop.is_set():
            try:
                kiosk, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                printer = socket.create_connection(("127.0.0.1", t.upstream_port), timeout=2)
            except OSError:
                _reset(kiosk)  # the printer refuses: so does the link
                continue
            printer.settimeout(None)
            kiosk.settimeout(None)
            for target, args in ((_to_printer, (kiosk, printer)), (_to_kiosk, (printer, kiosk))):
                threading.Thread(target=target, args=(t, *args), daemon=True).start()

    thread = threading.Thread(target=serve, name="throttle", daemon=True)
    thread.start()
    try:
        yield t
    finally:
        t.stop.set()
        listener.close()
        thread.join(2)
