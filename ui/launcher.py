"""Start the kiosk on a terminal: its screens full screen, the services beside them."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from kiosk.catalog.model import Catalog
from kiosk.config import Config

log = logging.getLogger(__name__)


def run_kiosk(
    config: Config,
    catalog: Catalog,
    *,
    windowed: bool = False,
    simulated_devices: bool = False,
    hide_cursor: bool = False,
) -> int:
    """The kiosk. With `simulated_devices`, its card readers are the simulated ID module and
    virtual social security cards, and a panel of sample residents puts cards in."""
    from PySide6.QtCore import Qt, QTimer

    from ui.app import kiosk_running, prepare_environment
    from ui.systemd import ServiceHooks

    _keep_running_on_errors()
    prepare_environment()
    demo = None
    try:
        if simulated_devices:
            from demo.devices import DemoDevices

            demo = DemoDevices(config.data_dir())
            print(f"Receipts from the simulated printer are saved as PNGs in {demo.receipts}/.")
            config = demo.configure(config)
        with kiosk_running(config, catalog, windowed=windowed, demo=demo) as kiosk:
            if hide_cursor:
                kiosk.app.setOverrideCursor(Qt.CursorShape.BlankCursor)
            hooks = ServiceHooks(kiosk.viewmodel.between_residents, kiosk.app.quit, kiosk.app)
            QTimer.singleShot(0, hooks.start)
            return kiosk.app.exec()
    finally:
        if demo is not None:
            demo.stop()


def _keep_running_on_errors() -> None:
    """A bug in a slot must not close the kiosk in front of a resident: log it, go on."""

    def hook(t: type[BaseException], e: BaseException, tb: TracebackType | None) -> None:
        if issubclass(t, KeyboardInterrupt):
            sys.__excepthook__(t, e, tb)
            return
        log.error("unexpected error (the kiosk keeps running)", exc_info=(t, e, tb))

    sys.excepthook = hook
