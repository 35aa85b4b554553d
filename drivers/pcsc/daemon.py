"""pcscd for demos: use the one that is running, or start one (it needs root) with the
vpcd readers that virtual cards connect to."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable


def listed_readers() -> list[str] | None:
    """The readers pcscd lists now, or None when pcscd does not answer."""
    from smartcard import scard as s

    hr, ctx = s.SCardEstablishContext(s.SCARD_SCOPE_USER)
    if hr != s.SCARD_S_SUCCESS:
        return None
    try:
        hr, names = s.SCardListReaders(ctx, [])
        if hr == s.SCARD_E_NO_READERS_AVAILABLE:
            return []
        return list(names) if hr == s.SCARD_S_SUCCESS else None
    finally:
        s.SCardReleaseContext(ctx)


def start_pcscd(start: Callable[[list[str]], object], timeout: float = 10.0) -> None:
    """Make sure pcscd answers; `start` runs a child process for as long as the demo runs."""
    if listed_readers() is not None:
        return
    pcscd = shutil.which("pcscd") or "/usr/sbin/pcscd"
    if os.geteuid() != 0 or not os.path.exists(pcscd):
        print(
            "pcscd is not running (and starting it needs root): social security cards "
            "cannot be read in this demo."
        )
        return
    start([pcscd, "--foreground"])
    deadline = time.monotonic() + timeout
    while not listed_readers():
        if time.monotonic() > deadline:
            print("pcscd did not list its readers in time: social security cards may not work.")
            return
        time.sleep(0.2)
