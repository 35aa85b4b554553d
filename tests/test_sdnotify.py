"""sd_notify and the service hooks, against a real datagram socket as systemd listens."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from kiosk import sdnotify


@pytest.fixture
def listener(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "notify"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    sock.settimeout(5)
    monkeypatch.setenv(sdnotify.ENV_SOCKET, str(path))
    yield sock
    sock.close()


def test_notify_sends_one_datagram_of_lines(listener: socket.socket) -> None:
    assert sdnotify.notify("READY=1", "STATUS=up")
    assert listener.recv(4096) == b"READY=1\nSTATUS=up"


def test_abstract_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    name = f"kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(b"\0" + name.encode())
        sock.settimeout(5)
        monkeypatch.setenv(sdnotify.ENV_SOCKET, "@" + name)
        assert sdnotify.notify("WATCHDOG=1")
        assert sock.recv(64) == b"WATCHDOG=1"


def test_without_systemd_nothing_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(sdnotify.ENV_SOCKET, raising=False)
    assert not sdnotify.notify("READY=1")
    assert not sdnotify.notify("READY=1", environ={sdnotify.ENV_SOCKET: "relative"})
    assert not sdnotify.notify("READY=1", environ={sdnotify.ENV_SOCKET: "/nonexistent/sock"})


def test_watchdog_interval_is_half_the_units() -> None:
    env = {"WATCHDOG_USEC": "30000000"}
    assert sdnotify.watchdog_interval(env) == 15.0
    # Under cage the main PID (WATCHDOG_PID) is cage, the kiosk's parent.
    assert sdnotify.watchdog_interval({**env, "WATCHDOG_PID": str(os.getppid())}) == 15.0
    assert sdnotify.watchdog_interval({**env, "WATCHDOG_PID": "1"}) is None
    assert sdnotify.watchdog_interval({}) is None
    assert sdnotify.watchdog_interval({"WATCHDOG_USEC": "soon"}) is None


def test_hooks_ping_from_the_event_loop_and_restart_between_residents(
    qtbot, listener: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.systemd import ServiceHooks

    monkeypatch.setenv("WATCHDOG_USEC", "200000")  # a ping every 0.1 s
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    state = {"upgraded": False, "free": False, "quit": 0}
    hooks = ServiceHooks(
        lambda: state["free"],
        lambda: state.__setitem__("quit", state["quit"] + 1),
        upgraded=lambda: state["upgraded"],
    )
    hooks.start()
    assert listener.recv(4096).startswith(b"READY=1\nSTATUS=kiosk ")
    pings = 0
    while pings < 3:  # from the timer, as long as the event loop turns
        qtbot.waitUntil(lambda: _readable(listener), timeout=5000)
        assert listener.recv(64) == b"WATCHDOG=1"
        pings += 1
    assert not hooks.check_upgrade()  # the same version
    state["upgraded"] = True
    assert not hooks.check_upgrade()  # a resident is at the kiosk
    state["free"] = True
    assert hooks.check_upgrade()
    assert state["quit"] == 1


def _readable(sock: socket.socket) -> bool:
    import select

    return bool(select.select([sock], [], [], 0)[0])
