"""The one place that builds what runs beside the screens from the configuration, starts it,
and stops it in the reverse order: the desk to the hub, the print service, the journey's
work, the peripherals and the sync worker. The terminal, `kiosk journey`, the demo and the
tests all start the kiosk through it.

    runtime = Runtime(config, post, catalog_version="2026.1").start()
    runtime.journey.submit(...)            # the screens' way to the world
    runtime.listen_devices(on_event)       # driver events, through post
    runtime.listen_catalogs(on_catalog)    # a newer catalog from the hub, through post
    runtime.listen_configs(on_config)      # a fleet configuration adopted, through post
    runtime.stop()

`post(fn)` runs fn on the screens' thread; everything the runtime tells the screens goes
through it, so nothing here knows Qt. Listeners are looked up when the posted call runs,
so those that subscribe before the screens' event loop starts miss nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any, Self

from drivers.events import DriverEvent
from drivers.runner import Peripherals
from kiosk import calibration
from kiosk.catalog.model import Catalog
from kiosk.config import Config
from kiosk.contract import DeviceHealth
from kiosk.fleet import Bundle
from kiosk.hubtoken import HubToken
from services.desk import Desk
from services.devices import MAX_DEVICES, DeviceBoard
from services.journey import Journey, Post
from services.print_service import PrintService, print_service
from services.receipts import Receipts, print_result
from services.speech import Speaker
from services.staff import StaffService
from services.storage import KioskData
from services.sync import SyncWorker, sync_worker
from services.tasks import Tasks

log = logging.getLogger(__name__)


class Runtime:
    def __init__(self, config: Config, post: Post, *, catalog_version: str = "") -> None:
        self.config = config
        self._post = post
        self._catalog_version = catalog_version
        self.board = DeviceBoard()
        self._device_listeners: list[Callable[[DriverEvent], None]] = []
        self._catalog_listeners: list[Callable[[Catalog], None]] = []
        self._config_listeners: list[Callable[[Bundle], None]] = []
        self._stops: list[tuple[str, Callable[[], object]]] = []
        self.peripherals: Peripherals | None = None
        token = HubToken(config.token_path())
        # One token for the desk and the sync worker, renewed once; None before enrolment.
        self.token = token if token.token() else None
        self.sync = self._sync() if self.token is not None else None
        self.desk = self._desk() if self.token is not None else None
        self.print_service: PrintService | None = print_service(config, on_event=self.device_event)
        self.receipts = (
            Receipts(config, self.print_service, post) if self.print_service is not None else None
        )
        # Voice prompts; its state (a Chinese voice or not) goes on the board like a device's.
        self.speaker = Speaker(
            config.ui.voice, output=config.ui.voice_output, on_event=self.device_event
        )
        # Community staff who help residents (帮办): signed in through the hub.
        self.staff = StaffService(self.desk)
        # None before enrolment: nothing could be checked or sent, and the screens say so.
        self.staff_tasks = Tasks(self.staff, post, "staff") if self.desk is not None else None
        self.journey = Journey(
            post,
            self.desk,
            self.receipts,
            staff=self.staff,
            office=partial(print_result, config.printer),
            fingerprint_sensor=lambda: self.peripherals.fingerprint if self.peripherals else None,
            verify_card_fingerprints=config.devices.fingerprint_verify_card,
        )

    # -- listening -------------------------------------------------------------------------

    def listen_devices(self, listener: Callable[[DriverEvent], None]) -> None:
        self._device_listeners.append(listener)

    def listen_catalogs(self, listener: Callable[[Catalog], None]) -> None:
        self._catalog_listeners.append(listener)

    def listen_configs(self, listener: Callable[[Bundle], None]) -> None:
        self._config_listeners.append(listener)

    def using_catalog(self, version: str) -> None:
        """The screens adopted a catalog: the heartbeat reports it."""
        self._catalog_version = version

    # -- life cycle --------------------------------------------------------------------------

    def start(self) -> Self:
        """Start everything, in order; a part that fails to start stops the ones before it."""
        try:
            self._audit("kiosk started", f"catalog {self._catalog_version}")
            if self.desk is not None:
                self._stops.append(("the desk", self.desk.close))
            if self.staff_tasks is not None:
                self._stops.append(("the staff's work", self.staff_tasks.close))
            if self.print_service is not None:
                self.print_service.start()
                self._stops.append(("the print service", self.print_service.stop))
            self.speaker.start()
            self._stops.append(("the voice", self.speaker.stop))
            self.peripherals = Peripherals(self.config.devices, self.device_event)
            self._stops.append(("the peripherals", self.peripherals.stop))
            if self.sync is not None:
                self.sync.start()
                self._stops.append(("the sync worker", self.sync.stop))
            else:
                log.warning(
                    "this kiosk is not enrolled with a hub (kiosk enrol CODE): applications "
                    "cannot be accepted here"
                )
            # Stopped first: the work in flight finishes while what it uses is still there.
            self._stops.append(("the journey's work", self.journey.close))
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop in the reverse order, each part even when another fails."""
        while self._stops:
            what, stop = self._stops.pop()
            try:
                stop()
            except Exception:  # the rest must still stop
                log.exception("stopping %s", what)
        self._audit("kiosk stopped")

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- wiring --------------------------------------------------------------------------------

    def _desk(self) -> Desk:
        assert self.token is not None
        sync = self.sync
        return Desk(
            self.config.data_dir(),
            self.config.hub.settings(),
            self.token,
            self.config.kiosk.id,
            self.config.kiosk.terminal_number,
            wake_sync=sync.wake if sync is not None else lambda: None,
            now=self.config.kiosk.now,
        )

    def _sync(self) -> SyncWorker:
        assert self.token is not None
        return sync_worker(
            self.config,
            self.token,
            on_catalog=self._new_catalog,
            catalog_version=lambda: self._catalog_version,
            devices=self._health,
            on_delivered=lambda delivered: self.journey.delivered(delivered),
            on_config=self._new_config,
        )

    def _health(self) -> list[DeviceHealth]:
        """The devices for the heartbeat, with the camera's calibration in force."""
        return [*self.board.health(), *calibration.health(self.config.data_dir())][:MAX_DEVICES]

    def device_event(self, event: DriverEvent) -> None:
        """A driver's event, from its thread: the heartbeat's board hears it, the screens
        get it. Drivers the screens run themselves (the camera) report here too."""
        self.board.heard(event)
        self._post(lambda: _tell(self._device_listeners, event))

    def _new_catalog(self, catalog: Catalog) -> None:
        """From the sync worker's thread."""
        self._post(lambda: _tell(self._catalog_listeners, catalog))

    def _new_config(self, bundle: Bundle) -> None:
        """From the sync worker's thread: a fleet configuration, checked and kept; the screens
        put it in force between two residents."""
        self._audit("fleet configuration adopted", bundle.version)
        self._post(lambda: _tell(self._config_listeners, bundle))

    def _audit(self, what: str, detail: str = "") -> None:
        try:
            with KioskData(self.config.data_dir()) as data:
                data.store.audit("system", what, detail)
        except Exception:  # the audit trail must not keep the kiosk from starting
            log.exception("the audit trail could not be written")


def _tell(listeners: list[Callable[[Any], None]], value: Any) -> None:
    for listener in list(listeners):
        listener(value)
