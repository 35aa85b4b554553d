"""What drivers tell the rest of the kiosk. Plain values, delivered through a callback on
the driver's own thread; the UI re-emits them as queued Qt signals."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.devices import DeviceState
from kiosk.identity import Identity


@dataclass(frozen=True)
class CardInserted:
    reader: str
    identity: Identity


@dataclass(frozen=True)
class CardRemoved:
    reader: str


@dataclass(frozen=True)
class CardUnreadable:
    reader: str
    problem: str  # plain words for the log and technicians; never personal data


@dataclass(frozen=True)
class StatusChanged:
    state: DeviceState


DriverEvent = CardInserted | CardRemoved | CardUnreadable | StatusChanged
