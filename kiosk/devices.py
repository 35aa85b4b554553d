"""What the kiosk knows of its peripherals: one status vocabulary for every driver, the
UI and the hub's heartbeats."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DeviceStatus(StrEnum):
    READY = "ready"
    BUSY = "busy"
    OFFLINE = "offline"  # configured but not answering (unplugged, service down)
    ERROR = "error"  # answering, but wrongly
    ABSENT = "absent"  # not configured on this kiosk


@dataclass(frozen=True)
class DeviceState:
    """One device's status, with a plain-words detail for technicians (never personal data)."""

    name: str  # "pcsc:<reader name>", "idreader", "fingerprint", "camera", "printer"
    status: DeviceStatus
    detail: str = ""
