"""The reference hub as a FastAPI application: create_app(settings)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from central import errors, progress_page, staff_page
from central.api import (
    admin,
    applications,
    appointments,
    catalog,
    credentials,
    department,
    documents,
    fleet,
    health,
    kiosks,
    maintenance,
    sharing,
    staff,
)
from central.api.deps import credential_kind
from central.clean_address import CleanAddress
from central.console import pages as console
from central.hub import Hub
from central.limits import BodyLimit
from central.settings import Settings
from kiosk.contract import API_PREFIX

log = logging.getLogger("central")

API_VERSION = "1.0.0"
SLOT_REFRESH_SECONDS = 3600.0
FLEET_TIMESTAMP_CHECK_SECONDS = 600.0
BUNDLE_EXPIRY_SECONDS = 3600.0  # diagnostic bundles past their days (a count is kept at upload)


def create_app(settings: Settings) -> FastAPI:
    """The application; nothing touches the database until it starts serving."""
    hub = Hub(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await asyncio.to_thread(hub.start)
        stop = asyncio.Event()
        background = [asyncio.create_task(job) for job in _background_jobs(hub, stop)]
        try:
            yield
        finally:
            stop.set()
            await asyncio.gather(*background, return_exceptions=True)
            hub.stop()

    app = FastAPI(
        title="一件事 joint-handling hub",
        version=API_VERSION,
        description=(
            "The joint-handling (联办) API between self-service kiosks, the central system "
            "and the departments. Every error is an ErrorResponse with a stable code."
        ),
        lifespan=lifespan,
    )
    app.state.hub = hub
    errors.install(app)
    app.add_middleware(CleanAddress)
    app.add_middleware(BodyLimit, identify=lambda header: credential_kind(hub, header))
    api = APIRouter(prefix=API_PREFIX)
    for module in (
        health,
        admin,
        credentials,
        kiosks,
        catalog,
        sharing,
        applications,
        documents,
        appointments,
        department,
        staff,
        fleet,
        maintenance,
    ):
        api.include_router(module.router)
    app.include_router(api)
    app.include_router(progress_page.router)  # public, for phones: not part of /v1
    app.include_router(staff_page.router)  # the staff's help list: not part of /v1
    # The signed fleet configuration, as static files: TUF checks them on the kiosk, so
    # any web server or CDN may serve a copy of this directory instead.
    app.mount("/fleet", StaticFiles(directory=settings.fleet_path(), check_dir=False), name="fleet")
    console.install(app)  # the web console for departments, admins and supervisors
    return app


def app_from_environment() -> FastAPI:
    """The app of one worker of `kiosk-hub serve --workers N`, from the KIOSK_HUB_*
    settings the serving process put in the environment (uvicorn calls this in each one)."""
    from central.settings import load_settings
    from kiosk.logsafe import install

    install()  # uvicorn configured the logging; uncaught exceptions go through it too
    return create_app(load_settings())


def _background_jobs(hub: Hub, stop: asyncio.Event) -> list[Coroutine[Any, Any, None]]:
    jobs = [
        _every(FLEET_TIMESTAMP_CHECK_SECONDS, fleet.refresh_timestamp, hub, stop),
        _every(BUNDLE_EXPIRY_SECONDS, _expire_bundles, hub, stop),
    ]
    if hub.settings.sandbox:
        jobs.append(_every(SLOT_REFRESH_SECONDS, _refresh_slots, hub, stop))
        if hub.settings.auto_handle_delay_seconds is not None:
            from central import auto_handler

            jobs.append(auto_handler.run(hub, hub.settings.auto_handle_delay_seconds, stop))
    return jobs


def _expire_bundles(hub: Hub) -> None:
    from central.maintenance import expire_bundles

    # One hub process at a time; the others find it under way and leave it.
    with hub.db.exclusive("expire-bundles", wait=False) as mine:
        if mine:
            expire_bundles(hub)


def _refresh_slots(hub: Hub) -> None:
    from central.sandbox.seed import refresh_slots

    # One hub process refreshes; the others, finding it under way, leave it to that one.
    with hub.db.exclusive("refresh-slots", wait=False) as mine:
        if mine:
            refresh_slots(hub)


async def _every(seconds: float, job: Callable[[Hub], None], hub: Hub, stop: asyncio.Event) -> None:
    while not stop.is_set():
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=seconds)
        if stop.is_set():
            return
        try:
            await asyncio.to_thread(job, hub)
        except Exception:
            log.exception("a background job failed; it runs again later")
