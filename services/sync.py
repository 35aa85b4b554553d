"""The sync worker: delivers the outbox to the hub, sends heartbeats, refreshes the catalog.

It runs on its own thread (kiosk.background) with its own store connection, so nothing here
ever waits on the GUI thread or makes it wait. Results leave through callbacks, which the
UI turns into queued Qt signals.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from kiosk.background import Background
from kiosk.backoff import jittered
from kiosk.catalog.model import Catalog
from kiosk.catalog_cache import CatalogCache
from kiosk.config import Config, fleet_applied
from kiosk.contract import DeviceHealth, Heartbeat, RatingRequest
from kiosk.fleet import Bundle, BundleProblem
from kiosk.hubclient import HubClient, HubError, HubSettings
from kiosk.hubtoken import HubToken
from kiosk.outbox import KIND_APPLICATION, KIND_RATING, Delivered, Entry, Outbox
from kiosk.sealed import SealError
from kiosk.sync_state import record as record_sync
from services.fleet import FleetClient
from services.storage import KioskData

log = logging.getLogger(__name__)

APP_VERSION = "0.1.0"
# A credential the hub refused can be fixed by an admin without losing the application.
_RETRY_DESPITE = {401, 403}


@dataclass
class SyncOptions:
    hub: HubSettings
    token: str | HubToken  # the kiosk's HubToken renews itself as it goes
    parallel: int = 4  # deliveries in flight at once
    heartbeat_seconds: float = 60.0
    catalog_refresh_seconds: float = 300.0
    idle_poll_seconds: float = 5.0
    on_delivered: Callable[[Delivered], None] = lambda d: None
    on_catalog: Callable[[Catalog], None] = lambda c: None
    devices: Callable[[], list[DeviceHealth]] = list
    catalog_version: Callable[[], str] = lambda: ""
    # Fleet configuration (services.fleet): polled on its own schedule; a new bundle is
    # handed to on_config, which adopts it between two residents.
    fleet: FleetClient | None = None
    fleet_refresh_seconds: float = 300.0
    on_config: Callable[[Bundle], None] = lambda b: None


@dataclass
class _Counters:
    delivered: int = 0
    retried: int = 0
    refused: int = 0
    last_error: str = ""


class SyncWorker(Background):
    """`wake()` when something was enqueued: it delivers now rather than at the next poll."""

    def __init__(self, data_dir: Path, options: SyncOptions) -> None:
        super().__init__("kiosk-sync")
        self.data_dir = Path(data_dir)
        self.options = options
        self.counters = _Counters()
        self._local = threading.local()

    def run(self) -> None:
        cache = CatalogCache(self.data_dir)
        next_beat = next_catalog = 0.0
        self._next_fleet = 0.0
        with (
            KioskData(self.data_dir) as data,
            ThreadPoolExecutor(self.options.parallel, thread_name_prefix="kiosk-send") as pool,
        ):
            outbox = data.outbox()
            while self.running:
                next_beat, next_catalog = self._pass(outbox, cache, pool, next_beat, next_catalog)

    def _pass(
        self,
        outbox: Outbox,
        cache: CatalogCache,
        pool: ThreadPoolExecutor,
        next_beat: float,
        next_catalog: float,
    ) -> tuple[float, float]:
        now = time.monotonic()
        if now >= next_beat:
            self._heartbeat(outbox)
            next_beat = now + self.options.heartbeat_seconds
        fleet = self.options.fleet
        if now >= next_catalog:
            if fleet is None:  # with a fleet root, the catalog comes signed (below) or not at all
                self._refresh_catalog(cache)
            next_catalog = now + self.options.catalog_refresh_seconds
        if fleet is not None and now >= self._next_fleet:
            self._next_fleet = now + self.options.fleet_refresh_seconds
            if self._fleet_step(cache, fleet):
                next_beat = now  # the admins see the new version at once
        if self._deliver_due(outbox, pool):
            return next_beat, next_catalog  # there may be more: go round without waiting
        wait = outbox.next_due_in()
        wait = self.options.idle_poll_seconds if wait is None else wait
        wait = min(wait, self.options.idle_poll_seconds, max(0.0, next_beat - now))
        self.pause(wait)
        return next_beat, next_catalog

    def deliver_all(self, timeout: float = 60.0) -> bool:
        """Deliver what is due, in this thread (a command line, a test); True if the outbox
        has nothing pending left."""
        deadline = time.monotonic() + timeout
        with KioskData(self.data_dir) as data, ThreadPoolExecutor(self.options.parallel) as pool:
            outbox = data.outbox()
            while time.monotonic() < deadline:
                if not self._deliver_due(outbox, pool):
                    return outbox.counts()["pending"] == 0
        return False

    def _deliver_due(self, outbox: Outbox, pool: ThreadPoolExecutor) -> bool:
        entries = outbox.due(limit=self.options.parallel * 4)
        if not entries:
            return False
        sends: list[tuple[Entry, Future[str]]] = []
        for entry in entries:
            try:
                body = outbox.body(entry)
            except SealError as e:
                outbox.refused(entry, f"cannot be read: {e}")
                self.counters.refused += 1
                continue
            number = ""
            if entry.kind == KIND_RATING:  # read here: the store is not shared with the pool
                rated = int(json.loads(body)["application_entry"])
                if outbox.state(rated) == "refused":  # it will never have a number
                    outbox.refused(entry, "the application it rates was refused by the hub")
                    self.counters.refused += 1
                    continue
                number = outbox.acceptance_number(rated) or ""
            sends.append((entry, pool.submit(self._send, entry, body, number)))
        for entry, future in sends:
            try:
                number = future.result()
            except HubError as e:
                self._failed(outbox, entry, e)
                continue
            delivered = outbox.delivered(entry, number)
            self.counters.delivered += 1
            log.info("%s delivered: %s", entry.kind, number)
            if entry.kind == KIND_APPLICATION:
                self.options.on_delivered(delivered)
        return True

    def _send(self, entry: Entry, body: bytes, number: str) -> str:
        """The acceptance number the entry belongs to, once the hub has it."""
        if entry.kind == KIND_RATING:
            return self._send_rating(body, number)
        return self._client().submit_application(body, entry.idempotency_key).acceptance_number

    def _send_rating(self, body: bytes, number: str) -> str:
        if not number:  # the application itself is not delivered yet: wait for it
            raise HubError("waiting", "the application rated is not delivered yet", retryable=True)
        rating = RatingRequest.model_validate(json.loads(body)["rating"])
        try:
            self._client().rate(number, rating)
        except HubError as e:
            if e.status != 409:  # 409: rated already (a lost reply): that is delivered
                raise
        return number

    def _failed(self, outbox: Outbox, entry: Entry, error: HubError) -> None:
        self.counters.last_error = str(error)
        if error.retryable or error.status in _RETRY_DESPITE:
            delay = jittered(entry.attempts)
            outbox.retry_later(entry, str(error), delay)
            self.counters.retried += 1
            log.warning("delivery failed, retrying in %.0f s: %s", delay, error)
        else:
            outbox.refused(entry, str(error))
            self.counters.refused += 1
            log.error("the hub refused an application; kept for staff: %s", error)

    def _heartbeat(self, outbox: Outbox) -> None:
        beat = Heartbeat(
            app_version=APP_VERSION,
            catalog_version=self.options.catalog_version()[:50],
            outbox_pending=outbox.counts()["pending"],
            devices=self.options.devices(),
            config_version=fleet.state.version if (fleet := self.options.fleet) else "",
            config_error=fleet.state.error if fleet else "",
        )
        try:
            self._client().heartbeat(beat)
        except HubError as e:
            log.info("heartbeat not sent: %s", e)
            return
        record_sync(self.data_dir, heartbeat_at=time.time(), catalog_in_use=beat.catalog_version)

    def _fleet_step(self, cache: CatalogCache, fleet: FleetClient) -> bool:
        """Poll the fleet repository; True when a new configuration was adopted. Whatever
        happens here, deliveries and heartbeats go on."""
        try:
            bundle = fleet.poll()
            if bundle is not None:
                self.options.on_config(bundle)
            self._adopt_signed_catalog(cache, fleet)
        except Exception as e:  # never the outbox's delivery for a fault in the fleet's
            fleet.state.error = f"{type(e).__name__}"
            log.exception("the fleet configuration step failed")
            return False
        return bundle is not None

    def _adopt_signed_catalog(self, cache: CatalogCache, fleet: FleetClient) -> None:
        taken = fleet.take_catalog()
        if taken is None:
            return
        digest, data = taken
        try:
            catalog = cache.adopt(f"tuf:{digest}", json.loads(data), "the signed catalog")
        except (HubError, ValueError, RecursionError, OSError) as e:
            fleet.catalog_refused(digest, str(e))
            log.error("the signed catalog is refused, keeping the one in use: %s", e)
            return
        fleet.catalog_adopted()
        now = time.time()
        record_sync(
            self.data_dir,
            catalog_checked_at=now,
            catalog_version=catalog.version,
            catalog_adopted_at=now,
        )
        log.info("signed catalog %s adopted", catalog.version)
        self.options.on_catalog(catalog)

    def _refresh_catalog(self, cache: CatalogCache) -> None:
        try:
            catalog = cache.refresh(self._client())
        except HubError as e:
            log.info("catalog not refreshed: %s", e)
            return
        now = time.time()
        if catalog is None:  # unchanged: the hub confirmed the one the kiosk has
            record_sync(self.data_dir, catalog_checked_at=now)
            return
        record_sync(
            self.data_dir,
            catalog_checked_at=now,
            catalog_version=catalog.version,
            catalog_adopted_at=now,
        )
        self.options.on_catalog(catalog)

    def _client(self) -> HubClient:
        # requests.Session is not shared between threads: one client per thread.
        client = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = HubClient(self.options.hub, self.options.token)
        return client


def _fits(config: Config, bundle: Bundle) -> None:
    try:
        fleet_applied(config, bundle.settings)
    except ValueError as e:
        raise BundleProblem(str(e)) from None


def sync_worker(config: Config, token: HubToken, **callbacks: Any) -> SyncWorker:
    """The sync worker as the configuration says (not started); `callbacks` are SyncOptions'
    on_delivered, on_catalog, devices and catalog_version."""
    hub = config.hub
    fleet = None
    if config.fleet.root:
        try:
            root = Path(config.fleet.root).read_bytes()
        except OSError as e:  # the kiosk serves on; the fleet client says what is missing
            log.error("the fleet root of trust cannot be read: %s", type(e).__name__)
            root = b""
        fleet = FleetClient(
            config.data_dir(),
            root,
            config.fleet.base_url(hub.url),
            kiosk_id=config.kiosk.id,
            fits=partial(_fits, config),
        )
    return SyncWorker(
        config.data_dir(),
        SyncOptions(
            hub=hub.settings(),
            token=token,
            heartbeat_seconds=hub.heartbeat_seconds,
            catalog_refresh_seconds=hub.catalog_refresh_seconds,
            fleet=fleet,
            fleet_refresh_seconds=config.fleet.refresh_seconds,
            **callbacks,
        ),
    )
