"""What a sandbox hub starts with: the sample catalog if it has none, the sample
data-sharing dataset, and appointment slots for the coming working days."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from central.appointments import ensure_sandbox_slots
from central.sandbox.dataset import SandboxDataset, load_dataset
from kiosk.catalog.load import load_catalog

if TYPE_CHECKING:
    from central.hub import Hub

log = logging.getLogger("central.sandbox")


def seed(hub: Hub) -> SandboxDataset:
    dataset = load_dataset()
    with hub.db.write() as session:
        if hub.catalogs.current(session) is None:
            published = hub.catalogs.publish(session, load_catalog())
            log.info("sandbox: published the sample catalog %s", published.version)
    refresh_slots(hub)
    return dataset


def refresh_slots(hub: Hub) -> None:
    with hub.db.write() as session:
        published = hub.catalogs.current(session)
        if published is not None:
            ensure_sandbox_slots(session, published.catalog, hub.calendar, hub.today())
