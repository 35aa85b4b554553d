"""A TCP proxy on loopback between the kiosk and the hub that can lose replies on purpose:
the hub does the work, the kiosk never hears of it."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress


class Proxy:
    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        # "pass": forward both ways; "withhold": forward requests, keep replies (the kiosk
        # waits forever); "drop": forward requests, then cut the kiosk's connection.
        self.mode = "pass"
        self.requests = 0
        self.url = ""


@contextmanager
def lossy_proxy(upstream_port: int) -> Iterator[Proxy]:
    proxy = Proxy(upstream_port)
    listener = socket.create_server(("127.0.0.1", 0))
    proxy.url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop = threading.Event()

    def pump(src: socket.socket, dst: socket.socket, replies: bool) -> None:
        with suppress(OSError):
            while data := src.recv(65536):
                if not replies:
                    proxy.requests += 1
                    dst.sendall(data)
                elif proxy.mode == "pass":
                    dst.sendall(data)
                elif proxy.mode == "drop":
                    dst.shutdown(socket.SHUT_RDWR)
                    dst.close()
                    return
                # "withhold": swallow the reply
        with suppress(OSError):
            dst.shutdown(socket.SHUT_WR)

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", proxy.upstream_port))
            threading.Thread(target=pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=pump, args=(upstream, client, True), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        stop.set()
        listener.close()
