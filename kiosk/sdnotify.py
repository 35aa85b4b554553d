"""systemd's notification protocol (sd_notify): one datagram of "KEY=value" lines to the
socket named by $NOTIFY_SOCKET. The kiosk's unit is Type=notify with a watchdog: the kiosk
says READY=1 once its screens are up and WATCHDOG=1 from its event loop, so a frozen GUI is
killed and restarted by systemd. Outside systemd ($NOTIFY_SOCKET unset) every call does
nothing.
"""

from __future__ import annotations

import os
import socket

ENV_SOCKET = "NOTIFY_SOCKET"
ENV_WATCHDOG_USEC = "WATCHDOG_USEC"
ENV_WATCHDOG_PID = "WATCHDOG_PID"


def _address(value: str) -> str | bytes:
    # "@name" is an abstract socket: a leading NUL on the wire.
    return b"\0" + value[1:].encode() if value.startswith("@") else value


def notify(*fields: str, environ: dict[str, str] | None = None) -> bool:
    """Send the fields (e.g. "READY=1") to systemd; whether there was a socket to send to."""
    env = os.environ if environ is None else environ
    target = env.get(ENV_SOCKET, "")
    if not target or not (target.startswith(("/", "@"))):
        return False
    message = "\n".join(fields).encode()
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
        try:
            sock.sendto(message, _address(target))
        except OSError:
            return False
    return True


def watchdog_interval(environ: dict[str, str] | None = None) -> float | None:
    """Seconds between two WATCHDOG=1 pings: half the unit's WatchdogSec, as sd_watchdog_enabled
    advises; None when no watchdog is asked of this process."""
    env = os.environ if environ is None else environ
    try:
        usec = int(env.get(ENV_WATCHDOG_USEC, ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid = env.get(ENV_WATCHDOG_PID)
    # systemd names the main PID; under cage the kiosk is cage's child, and the unit says
    # NotifyAccess=all, so a WATCHDOG_PID that names another process (cage) still counts.
    if pid and pid.isdigit() and int(pid) not in (os.getpid(), os.getppid()):
        return None
    return usec / 2_000_000
