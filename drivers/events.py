"""What drivers tell the rest of the kiosk. Plain values, delivered through a callback on
the driver's own thread; the UI re-emits them as queued Qt signals."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.devices import DeviceState
from kiosk.identity import Identity, OtherCard, ReadFailure


@dataclass(frozen=True)
class CardInserted:
    reader: str
    identity: Identity


@dataclass(frozen=True)
class CardRemoved:
    reader: str


@dataclass(frozen=True)
class CardUnreadable:
    """A card was there and could not be read. `failure` is what the driver saw, `other` the
    kind of card it recognised when it was none the kiosk reads; what that means for the
    resident is the core's to say (kiosk.identity.problem_for)."""

    reader: str
    problem: str  # plain words for the log and technicians; never personal data
    failure: ReadFailure
    other: OtherCard | None = None


@dataclass(frozen=True)
class StatusChanged:
    state: DeviceState


DriverEvent = CardInserted | CardRemoved | CardUnreadable | StatusChanged
