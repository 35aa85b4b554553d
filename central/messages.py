"""The hub's own admin messages, beyond the contract the kiosk shares (kiosk.contract)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from kiosk.contract import DeviceHealth


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KioskSummary(_Message):
    kiosk_id: str
    name: str
    created_at: datetime
    enrolled: bool
    last_heartbeat_at: datetime | None
    app_version: str
    catalog_version: str
    outbox_pending: int
    devices: list[DeviceHealth]


class CatalogPublished(_Message):
    version: str
    etag: str


class AlertView(_Message):
    """Something an admin should look into: a card that did not match, a kiosk or a subject
    over its rate limit (central.guard)."""

    id: int
    kind: str
    kiosk_id: str
    subject_masked: str
    detail: str
    created_at: datetime
