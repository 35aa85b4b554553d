"""The peripherals' states as the drivers last told them, for the hub's heartbeat. Fed from
the drivers' threads, read from the sync worker's: every access takes the lock."""

from __future__ import annotations

import re
import threading

from drivers.events import DriverEvent, StatusChanged
from kiosk.contract import DeviceHealth
from kiosk.devices import DeviceState

MAX_DEVICES = 20  # the heartbeat's limit (kiosk.contract.Heartbeat)


def health_name(name: str) -> str:
    """The contract's device names are short keys: "pcsc:Virtual PCD 00" → "pcsc:Virtual_PCD_00"."""
    return re.sub(r"[^A-Za-z0-9_.:-]", "_", name)[:64]


class DeviceBoard:
    def __init__(self) -> None:
        self._states: dict[str, DeviceState] = {}
        self._lock = threading.Lock()

    def heard(self, event: DriverEvent) -> None:
        if isinstance(event, StatusChanged):
            with self._lock:
                self._states[event.state.name] = event.state

    def states(self) -> list[DeviceState]:
        with self._lock:
            return sorted(self._states.values(), key=lambda d: d.name)

    def health(self) -> list[DeviceHealth]:
        return [
            DeviceHealth(name=health_name(d.name), status=d.status, detail=d.detail[:500])
            for d in self.states()
        ][:MAX_DEVICES]
