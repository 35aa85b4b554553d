"""The kiosk's version: its distribution's (pyproject.toml, or the Debian package's, which
sets the same), read from the installed metadata.

`installed()` reads it again from disk each time, so a kiosk that has been upgraded under
its feet (a new .deb) sees that the version on disk is no longer the one it runs.
"""

from __future__ import annotations

from importlib import metadata

DISTRIBUTION = "yijianshi-kiosk"


def installed() -> str:
    """The version installed now; "unknown" for a bare checkout that was never installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


RUNNING = installed()


def upgraded() -> bool:
    """Whether a different version has been installed since this process started."""
    return installed() != RUNNING
