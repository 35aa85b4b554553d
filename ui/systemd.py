"""The kiosk as a systemd service (packaging/deb): READY=1 once the screens are up, WATCHDOG=1
from the Qt event loop (a frozen GUI stops pinging and systemd restarts it), and, after the
package was upgraded under it, a clean exit between two residents so that systemd starts the
new version. Outside systemd only the upgrade check runs."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from kiosk import sdnotify, version

log = logging.getLogger(__name__)

UPGRADE_CHECK_MS = 30_000


class ServiceHooks(QObject):
    def __init__(
        self,
        between_residents: Callable[[], bool],
        quit_for_upgrade: Callable[[], None],
        parent: QObject | None = None,
        upgraded: Callable[[], bool] = version.upgraded,
    ) -> None:
        super().__init__(parent)
        self._between_residents = between_residents
        self._quit = quit_for_upgrade
        self._upgraded = upgraded
        self._watchdog = QTimer(self)
        self._watchdog.timeout.connect(self.ping)
        self._upgrade = QTimer(self)
        self._upgrade.setInterval(UPGRADE_CHECK_MS)
        self._upgrade.timeout.connect(self.check_upgrade)

    def start(self) -> None:
        """Once the first screen is shown: ready, and the pings from now on."""
        sdnotify.notify("READY=1", f"STATUS=kiosk {version.RUNNING} running")
        interval = sdnotify.watchdog_interval()
        if interval is not None:
            self._watchdog.start(max(1, int(interval * 1000)))
            self.ping()
        self._upgrade.start()

    def ping(self) -> None:
        sdnotify.notify("WATCHDOG=1")

    def check_upgrade(self) -> bool:
        """Whether the kiosk leaves now for its new version (only with nobody at it)."""
        if not self._upgraded() or not self._between_residents():
            return False
        log.info("version %s installed: restarting between residents", version.installed())
        sdnotify.notify("STOPPING=1", "STATUS=restarting for the new version")
        self._upgrade.stop()
        self._quit()
        return True
