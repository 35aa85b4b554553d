"""Start the peripherals this kiosk's configuration names, each on its own thread, all
reporting to one callback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from drivers.device import Device
from drivers.events import DriverEvent, StatusChanged
from kiosk.config import DevicesSection
from kiosk.devices import DeviceState, DeviceStatus

log = logging.getLogger(__name__)


class Peripherals:
    def __init__(self, devices: DevicesSection, on_event: Callable[[DriverEvent], None]) -> None:
        self._drivers: list[Device] = []
        self.fingerprint = None  # the sensor, for on-site capture, when there is one
        if devices.pcsc:
            self._start_pcsc(devices, on_event)
        if devices.idreader:
            self._start_idreader(devices, on_event)
        if devices.fingerprint:
            self._start_fingerprint(devices, on_event)

    def _start_fingerprint(self, devices: DevicesSection, on_event: Callable) -> None:
        from drivers.fingerprint.driver import FingerprintSensor

        where = _serial_ports(
            "fingerprint", devices.fingerprint_port, devices.fingerprint_probe_ports, on_event
        )
        if where is None:
            return
        sensor = FingerprintSensor(
            on_event,
            baud=devices.fingerprint_baud,
            packet_size=devices.fingerprint_packet_size,
            **where,
        ).start()
        self._drivers.append(sensor)
        self.fingerprint = sensor

    def _start_pcsc(self, devices: DevicesSection, on_event: Callable) -> None:
        try:
            from drivers.pcsc.driver import PcscDriver
        except ImportError as e:  # pyscard missing: say so where technicians look
            log.error("PC/SC is unavailable: %s", e)
            on_event(StatusChanged(DeviceState("pcsc", DeviceStatus.ERROR, str(e))))
            return
        self._drivers.append(PcscDriver(on_event, readers=devices.pcsc_readers).start())

    def _start_idreader(self, devices: DevicesSection, on_event: Callable) -> None:
        from drivers.idreader.driver import IdReader

        where = _serial_ports(
            "idreader", devices.idreader_port, devices.idreader_probe_ports, on_event
        )
        if where is None:
            return
        reader = IdReader(
            on_event,
            baud=devices.idreader_baud,
            # A resident's fingerprint data is read only when something uses it (the 1:1 check).
            read_fingerprints=devices.idreader_fingerprints and devices.fingerprint_verify_card,
            **where,
        )
        self._drivers.append(reader.start())

    def stop(self) -> None:
        for driver in self._drivers:
            with suppress(Exception):  # stopping must never keep the kiosk from exiting
                driver.stop()
        self._drivers.clear()


def _serial_ports(
    name: str, port: str, probe_ports: list[str], on_event: Callable
) -> dict[str, Any] | None:
    """Where the serial device `name` is: its configured port, or else the ports to probe;
    None, and the device shown as absent, when the configuration names neither."""
    if not port and not probe_ports:
        on_event(StatusChanged(DeviceState(name, DeviceStatus.ABSENT, "no port configured")))
        return None
    return {"port": port or None, "probe_ports": () if port else probe_ports}
